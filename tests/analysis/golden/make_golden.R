# Golden values for tests/analysis: R's survey package is the oracle. Run from this folder:
#   Rscript make_golden.R
# Writes school.csv (a small deterministic school survey), enrolment.csv, the api*.csv exports of data(api)
# and golden.csv (every value with 17 significant digits) plus versions.txt. The test suite never runs R.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
data(api)
for (n in c("apistrat", "apiclus1", "apiclus2")) write.csv(get(n), paste0(n, ".csv"), row.names = FALSE)

RNGkind("Mersenne-Twister", "Inversion", "Rejection")
set.seed(20240601)
rows <- list()
class_no <- 0
for (s in 1:6) {
  n_classes <- if (s == 6) 1 else sample(2:4, 1)
  pop_classes <- n_classes + sample(0:2, 1)
  for (k in 1:n_classes) {
    class_no <- class_no + 1
    grade <- if (s == 5) c(1, 2)[(k - 1) %% 2 + 1] else ((k - 1) %% 3) + 1
    m <- sample(8:15, 1)
    sex <- sample(c("m", "v"), m, replace = TRUE)
    gender <- ifelse(runif(m) < 0.08, "x", sex)
    gender[runif(m) < 0.05] <- NA
    alc <- rbinom(m, 1, 0.15 + 0.08 * grade + 0.03 * s)
    alc[runif(m) < 0.07] <- NA
    sat <- round(pmin(10, pmax(0, rnorm(m, 7.5 - 0.2 * grade, 1.6))))
    sat[runif(m) < 0.06] <- NA
    freq <- as.character(sample(0:2, m, replace = TRUE, prob = c(0.6, 0.3, 0.1)))
    freq[runif(m) < 0.05] <- NA
    rows[[length(rows) + 1]] <- data.frame(
      school_id = paste0("S", s), class_id = sprintf("C%02d", class_no), grade = grade, sex = sex,
      gender = gender, alc_30d = alc, life_sat = sat, alc_freq = freq,
      weight = round(runif(m, 5, 25), 3), class_n = m + sample(0:5, 1), school_classes = pop_classes
    )
  }
}
school <- do.call(rbind, rows)
school$pupil_id <- sprintf("P%03d", seq_len(nrow(school)))
school$weight0 <- school$weight
school$weight0[c(3, 40)] <- 0
write.csv(school, "school.csv", row.names = FALSE, na = "")
# enrolment: school x grade (S5 has no grade-3 respondents but 40 pupils enrolled -> collapsed across grade)
enrol <- unique(school[, c("school_id", "grade")])
enrol$N <- 60 + 7 * seq_len(nrow(enrol))
enrol <- rbind(enrol, data.frame(school_id = "S5", grade = 3, N = 40))
write.csv(enrol, "enrolment.csv", row.names = FALSE)

out <- list()
f17 <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))
emit <- function(case, by, variable, domain, level, est, se, deff, low, high, df, wn) {
  out[[length(out) + 1]] <<- data.frame(
    case = case, by = by, variable = variable, domain = domain, level = level, estimate = f17(est), se = f17(se),
    deff = f17(deff), ci_low = f17(low), ci_high = f17(high), df = df, weighted_n = f17(wn)
  )
}

run <- function(case, des, vars, by = NULL, statistic = "mean") {
  df <- degf(des)
  tq <- qt(0.975, df)
  d <- des$variables
  for (v in vars) {
    ok <- !is.na(d[[v]])
    dom <- if (is.null(by)) rep("", nrow(d)) else do.call(paste, c(lapply(by, function(b) d[[b]]), sep = "|"))
    w <- weights(des)
    wn <- tapply(w * ok, dom, sum)
    for (g in sort(unique(dom))) {
      sub <- des[dom == g]
      if (statistic == "proportion") {
        lev <- sort(unique(na.omit(d[[v]])))
        fm <- make.formula(v)
        sub$variables[[v]] <- factor(sub$variables[[v]], levels = lev)
        r <- svymean(fm, sub, na.rm = TRUE, deff = "replace")
        for (i in seq_along(lev)) {
          p <- coef(r)[i]; s <- SE(r)[i]
          ci <- if (p > 0 && p < 1) {
            ind <- eval(bquote(~I(.(as.name(v)) == .(as.character(lev[i])))))
            sub2 <- sub; sub2$variables[[v]] <- as.character(sub2$variables[[v]])
            cp <- svyciprop(ind, sub2, method = "logit", df = df)
            # check: svyciprop's logit CI is the expit of logit(p) +- t se/(p(1-p))
            manual <- plogis(qlogis(p) + c(-1, 1) * tq * s / (p * (1 - p)))
            stopifnot(isTRUE(all.equal(as.vector(attr(cp, "ci")), manual, tolerance = 1e-6)))
            manual
          } else c(p, p)
          emit(case, paste(by, collapse = "+"), v, g, as.character(lev[i]), p, s, deff(r)[i], ci[1], ci[2], df, unname(wn[names(wn) == g]))
        }
      } else {
        fm <- make.formula(v)
        r <- if (statistic == "mean") svymean(fm, sub, na.rm = TRUE, deff = "replace") else
          svytotal(fm, sub, na.rm = TRUE, deff = "replace")
        est <- coef(r)[1]; s <- SE(r)[1]
        emit(case, paste(by, collapse = "+"), v, g, "", est, s, deff(r)[1], est - tq * s, est + tq * s, df, unname(wn[names(wn) == g]))
      }
    }
  }
}

strat <- svydesign(ids = ~1, strata = ~stype, weights = ~pw, fpc = ~fpc, data = apistrat)
run("apistrat", strat, c("api00", "enroll", "acs.k3"), by = "awards")
run("apistrat", strat, c("api00", "acs.k3"))
run("apistrat_total", strat, c("enroll", "acs.k3"), by = "stype", statistic = "total")
run("apistrat_prop", strat, c("sch.wide", "awards"), by = "stype", statistic = "proportion")
clus1 <- svydesign(ids = ~dnum, weights = ~pw, fpc = ~fpc, data = apiclus1)
run("apiclus1", clus1, c("api00", "meals"), by = "stype")
run("apiclus1_prop", clus1, c("awards"), statistic = "proportion")
clus2 <- svydesign(ids = ~dnum + snum, fpc = ~fpc1 + fpc2, data = apiclus2)
run("apiclus2", clus2, c("api00", "enroll", "avg.ed"), by = "stype")
run("apiclus2_total", clus2, c("enroll"), statistic = "total")
clus2w <- svydesign(ids = ~dnum + snum, weights = ~pw, data = apiclus2)
run("apiclus2_wr", clus2w, c("api00", "enroll"), by = "stype")

sch <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = school, nest = TRUE)
run("school", sch, c("alc_30d", "life_sat"), by = "grade")
run("school", sch, c("alc_30d", "life_sat"), by = c("grade", "gender"))
run("school", sch, c("alc_30d", "life_sat"), by = "school_id")
run("school_prop", sch, c("alc_freq", "gender"), by = "grade", statistic = "proportion")
sch0 <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight0, data = school, nest = TRUE)
run("school_zero", sch0, c("alc_30d", "life_sat"), by = "grade")
schf <- svydesign(ids = ~class_id + pupil_id, strata = ~school_id, fpc = ~school_classes + class_n, data = school,
                  nest = TRUE)
run("school_fpc", schf, c("alc_30d", "life_sat"), by = "grade")
srs <- svydesign(ids = ~1, data = school)
run("school_srs", srs, c("alc_30d", "life_sat"), by = "sex")

# post-stratification to school x grade; S5 grade 3 has no respondents -> S5 collapses across grade
school$ps_cell <- ifelse(school$school_id == "S5", "S5|*", paste(school$school_id, school$grade, sep = "|"))
enrol$ps_cell <- ifelse(enrol$school_id == "S5", "S5|*", paste(enrol$school_id, enrol$grade, sep = "|"))
pop <- aggregate(N ~ ps_cell, data = enrol, sum)
names(pop)[2] <- "Freq"
sch <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = school, nest = TRUE)
ps <- postStratify(sch, ~ps_cell, pop)
run("school_ps", ps, c("alc_30d", "life_sat"), by = "grade")
run("school_ps", ps, c("alc_30d", "life_sat"), by = "gender")
run("school_ps", ps, c("alc_30d", "life_sat"))
run("school_ps_total", ps, c("alc_30d"), by = "school_id", statistic = "total")

rk <- rake(sch, list(~sex, ~grade),
           list(data.frame(sex = c("m", "v"), Freq = c(610, 590)),
                data.frame(grade = c(1, 2, 3), Freq = c(420, 400, 380))),
           control = list(maxit = 1000, epsilon = 1e-15))
run("school_rake", rk, c("alc_30d", "life_sat"), by = "grade")
run("school_rake", rk, c("alc_30d", "life_sat"), by = "gender")
run("school_rake", rk, c("alc_30d", "life_sat"))
run("school_rake_prop", rk, c("alc_freq"), by = "school_id", statistic = "proportion")

golden <- do.call(rbind, out)
write.csv(golden, "golden.csv", row.names = FALSE)
writeLines(c(R.version.string, paste("survey", as.character(packageVersion("survey")))), "versions.txt")
