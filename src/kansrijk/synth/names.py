"""Fictional names for Gemeente Voorbeeld: wijken, buurten, schools. Any likeness to real places is chance."""

from __future__ import annotations

MUNICIPALITY_CODE = "GM9999"
MUNICIPALITY_NAME = "Voorbeeld"

WIJK_NAMES: tuple[str, ...] = (
    "Centrum",
    "Oude Haven",
    "Molenkwartier",
    "De Hoven",
    "Ravensbroek",
    "Zuiderpark",
    "Vinkenveld",
    "Kerkebuurt-Oost",
    "Heideland",
    "Nieuw Voorbeeld",
    "De Dreven",
    "Waterhoeve",
)

BUURT_STEMS: tuple[str, ...] = (
    "Binnenstad",
    "Marktkwartier",
    "Stationsbuurt",
    "Havenkade",
    "Visserseiland",
    "Pakhuizen",
    "Molenhof",
    "Korenbuurt",
    "Maalderij",
    "Hovenpark",
    "Kloosterhof",
    "Tuinwijk",
    "Ravenhorst",
    "Broekweide",
    "Elzenlaan",
    "Parkzicht",
    "Zuiderhof",
    "Vijverbuurt",
    "Vinkenhof",
    "Merelbuurt",
    "Lijsterveld",
    "Kerkepad",
    "Oosterweg",
    "Pastorie",
    "Heidezoom",
    "Berkenrode",
    "Schaapsdrift",
    "Nieuwe Akker",
    "Lanen",
    "Kavelbuurt",
    "Drevenhof",
    "Beukendreef",
    "Eikendreef",
    "Waterhof",
    "Rietkraag",
    "Lisdodde",
    "Zilverschoon",
    "Dijkzicht",
    "Veenbuurt",
    "Bolwerk",
)

SCHOOL_STEMS: tuple[str, ...] = (
    "Erasmus College",
    "Het Baken",
    "Vinkenveld Lyceum",
    "Praktijkschool De Werf",
    "Scholengemeenschap Zuid",
    "Molenwiek College",
    "Gymnasium Voorbeeld",
    "De Horizon",
    "Heidelicht Mavo",
    "Technisch College Haven",
    "Kompas Scholengroep",
    "Het Dreefcollege",
    "Atlas College",
    "De Brug",
    "Stedelijk Lyceum",
    "Waterhoeve Vakcollege",
)

#: Other fictional municipalities whose "published" aggregate tables serve as the comparison reference.
REFERENCE_MUNICIPALITIES: tuple[tuple[str, str, float], ...] = (
    # code, name, substance-use level shift on the latent scale
    ("GM9991", "Andersdorp", -0.15),
    ("GM9992", "Rivierstad", 0.10),
    ("GM9993", "Heideveen", 0.25),
)
