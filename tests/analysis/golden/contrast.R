# Golden values for kansrijk.analysis.contrast.domain_vs_rest: ȳ_domain − ȳ_rest under the school design,
# computed with R's survey package as the coefficient of a design-based regression y ~ in_domain (svyglm: the
# difference of the two weighted means, with its Taylor-linearised SE), independent of Kansrijk.
# Run: Rscript contrast.R  (writes contrast.csv; the test suite reads the committed file and never runs R)
library(survey)
options(survey.lonely.psu = "adjust")  # as Kansrijk's default
school <- read.csv("school.csv", stringsAsFactors = FALSE)
sch <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = school, nest = TRUE)
out <- data.frame()
for (v in c("alc_30d", "life_sat")) {
  for (g in sort(unique(school$grade))) {
    des <- update(sch, indom = as.numeric(grade == g))
    fit <- svyglm(as.formula(paste0(v, " ~ indom")), design = des)
    out <- rbind(out, data.frame(variable = v, grade = g, difference = sprintf("%.17g", coef(fit)[["indom"]]),
                                 se = sprintf("%.17g", SE(fit)[["indom"]]), df = degf(sch)))
  }
}
write.csv(out, "contrast.csv", row.names = FALSE)

# The same contrasts under post-stratification to enrolment (school x grade), the design Kansrijk publishes
# with: the calibration is carried into the variance (R: svyrecvar's residuals).
enrol <- read.csv("enrolment.csv", stringsAsFactors = FALSE)
cells <- unique(school[, c("school_id", "grade")])
enrol <- merge(enrol, cells)  # cells without respondents cannot be post-stratified (Kansrijk collapses them)
names(enrol)[names(enrol) == "N"] <- "Freq"
pst <- postStratify(sch, ~school_id + grade, enrol)
out <- data.frame()
for (v in c("alc_30d", "life_sat")) {
  for (g in sort(unique(school$grade))) {
    des <- update(pst, indom = as.numeric(grade == g))
    fit <- svyglm(as.formula(paste0(v, " ~ indom")), design = des)
    out <- rbind(out, data.frame(variable = v, grade = g, difference = sprintf("%.17g", coef(fit)[["indom"]]),
                                 se = sprintf("%.17g", SE(fit)[["indom"]]), df = degf(pst)))
  }
}
write.csv(out, "contrast_poststratified.csv", row.names = FALSE)
