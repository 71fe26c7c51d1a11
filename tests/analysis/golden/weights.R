# Golden values for kansrijk.analysis.weights.enrolment_weights: the weighting rule written out independently
# in R, then R's survey package for the two post-stratification steps and the standard errors. Run from this
# folder:  Rscript weights.R
# Writes enrolment_gender.csv (input), weights_golden.csv (the weight of every pupil) and
# weights_estimates.csv (estimates and SEs, 17 significant digits). The test suite never runs R.
#
# The rule (docs/methods/weighting.md), with min_cell_n = 5 and school types S1-S3, S7 vmbo, S4-S6 havo:
#  1. per participating school x grade (sg, with respondents): N = enrolment m + v, n = respondents;
#     pupils with gender x or none get the rate N/n (the grade x type rate N_gt/n_gt when n < 5), together
#     W_x = n_x * rate (at most n_x N/n); boys and girls share N - W_x in the enrolment's ratio;
#  2. a boys' or girls' cell with fewer than 5 respondents is pooled with the other short cells of the same
#     grade x gender x school type (across schools); a pool still short takes in the whole grade x gender x
#     type; still short, the whole grade x type (m and v). Never across grades.
#  3. second step: post-stratify to the municipal enrolment per grade x school type, which also counts
#     the school x grades that did not take part (S7; S5 grade 3 is havo grade 3, where no school took part:
#     not represented, left out as postStratify(partial = TRUE) would).
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
school <- read.csv("school.csv", stringsAsFactors = FALSE)
enrol <- read.csv("enrolment.csv", stringsAsFactors = FALSE)
types <- c(S1 = "vmbo", S2 = "vmbo", S3 = "vmbo", S4 = "havo", S5 = "havo", S6 = "havo", S7 = "vmbo")
eg <- rbind(
  data.frame(school_id = enrol$school_id, grade = enrol$grade, gender = "m", N = round(enrol$N * 0.52)),
  data.frame(school_id = enrol$school_id, grade = enrol$grade, gender = "v", N = enrol$N - round(enrol$N * 0.52)),
  data.frame(school_id = "S7", grade = c(1, 1, 2, 2), gender = c("m", "v", "m", "v"), N = c(50, 45, 48, 52))
)
eg <- eg[order(eg$school_id, eg$grade, eg$gender), ]
write.csv(eg, "enrolment_gender.csv", row.names = FALSE)
MIN <- 5

school$g3 <- ifelse(school$gender %in% c("m", "v"), school$gender, "x")
school$sg <- paste(school$school_id, school$grade, sep = "|")
school$type <- types[school$school_id]
cnt <- aggregate(cbind(n_m = g3 == "m", n_v = g3 == "v", n_x = g3 == "x") ~ school_id + grade, school, sum)
Nm <- aggregate(N ~ school_id + grade, eg[eg$gender == "m", ], sum); names(Nm)[3] <- "N_m"
Nv <- aggregate(N ~ school_id + grade, eg[eg$gender == "v", ], sum); names(Nv)[3] <- "N_v"
sg <- merge(merge(cnt, Nm), Nv)
sg$N <- sg$N_m + sg$N_v
sg$n <- sg$n_m + sg$n_v + sg$n_x
sg$type <- types[sg$school_id]
gt <- aggregate(cbind(N, n) ~ grade + type, sg, sum); names(gt)[3:4] <- c("N_gt", "n_gt")
sg <- merge(sg, gt)
sg$rate <- ifelse(sg$n >= MIN, sg$N / sg$n, sg$N_gt / sg$n_gt)
sg$W_x <- pmin(sg$n_x * sg$rate, sg$n_x * sg$N / sg$n)
cells <- rbind(
  data.frame(school_id = sg$school_id, grade = sg$grade, type = sg$type, k = "m", n = sg$n_m,
             T = sg$N_m / sg$N * (sg$N - sg$W_x)),
  data.frame(school_id = sg$school_id, grade = sg$grade, type = sg$type, k = "v", n = sg$n_v,
             T = sg$N_v / sg$N * (sg$N - sg$W_x))
)
cells$cell <- paste(cells$school_id, cells$grade, cells$k, sep = "|")
cells$short <- cells$n < MIN
pool <- paste(cells$grade, cells$k, cells$type, sep = "|")
for (p in unique(pool[cells$short])) {
  i <- pool == p & cells$short
  cells$cell[i] <- paste(p, "pooled", sep = "|")
  if (sum(cells$n[i]) < MIN) cells$cell[pool == p] <- paste(p, "all", sep = "|")
}
for (p in unique(paste(cells$grade, cells$type))) {
  i <- paste(cells$grade, cells$type) == p
  still <- tapply(cells$n[i], cells$cell[i], sum)
  if (any(still < MIN)) cells$cell[i] <- paste(p, "grade_type", sep = "|")
}
xcells <- data.frame(school_id = sg$school_id, grade = sg$grade, k = "x", cell = paste(sg$school_id, sg$grade, "x", sep = "|"),
                     T = sg$W_x, n = sg$n_x)
xcells <- xcells[xcells$n > 0, ]
P1 <- aggregate(T ~ cell, rbind(cells[, c("cell", "T")], xcells[, c("cell", "T")]), sum)
names(P1)[2] <- "Freq"
lookup <- rbind(cells[, c("school_id", "grade", "k", "cell")], xcells[, c("school_id", "grade", "k", "cell")])
school$cell <- lookup$cell[match(paste(school$school_id, school$grade, school$g3), paste(lookup$school_id, lookup$grade, lookup$k))]
stopifnot(!anyNA(school$cell))

egt <- aggregate(N ~ grade + type, transform(eg, type = types[school_id]), sum)
egt$gt <- paste(egt$grade, egt$type, sep = "|")
school$gt <- paste(school$grade, school$type, sep = "|")
P2 <- data.frame(gt = egt$gt, Freq = egt$N)[egt$gt %in% school$gt, ]  # havo grade 3: nobody took part

d0 <- svydesign(ids = ~class_id, strata = ~school_id, data = school, nest = TRUE)
d1 <- postStratify(d0, ~cell, P1)
d2 <- postStratify(d1, ~gt, P2)
f17 <- function(x) sprintf("%.17g", x)
write.csv(data.frame(pupil_id = school$pupil_id, cell = school$cell, weight1 = f17(weights(d1)),
                     weight = f17(weights(d2))), "weights_golden.csv", row.names = FALSE)

out <- list()
for (v in c("alc_30d", "life_sat")) {
  for (by in c("", "grade", "school_id", "gender")) {
    if (by == "") {
      r <- svymean(make.formula(v), d2, na.rm = TRUE)
      out[[length(out) + 1]] <- data.frame(variable = v, by = "", domain = "", estimate = f17(coef(r)[[1]]),
                                           se = f17(SE(r)[[1]]))
    } else {
      r <- svyby(make.formula(v), make.formula(by), d2, svymean, na.rm = TRUE)
      out[[length(out) + 1]] <- data.frame(variable = v, by = by, domain = as.character(r[[by]]),
                                           estimate = f17(coef(r)), se = f17(SE(r)))
    }
  }
}
write.csv(do.call(rbind, out), "weights_estimates.csv", row.names = FALSE)
print(P1); print(P2)
