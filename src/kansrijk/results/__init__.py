"""Result tables of published waves: dashboards, maps, reports and downloads."""
