# Golden values for kansrijk.analysis.logistic and factor_table: design-based logistic regression with R's
# survey package, svyglm(..., family = quasibinomial()), independent of Kansrijk.
# The data (logistic.csv) is generated here once with a fixed seed and committed; the suite reads the committed
# CSVs and never runs R.  Run: Rscript logistic.R  (writes logistic.csv, logistic_enrolment.csv and
# logistic_golden.csv, logistic_levels.csv).  glm is run with epsilon = 1e-15: R's glm returns the working
# weights of the iteration before the last, so its default (1e-8) moves SEs by ~1e-5 and 1e-12 still by ~3e-7.
library(survey)
options(survey.lonely.psu = "adjust")  # as Kansrijk's default

if (!file.exists("logistic.csv")) {
  set.seed(20261203)
  rows <- list()
  for (s in 1:6) {
    grades <- c(1, 2, 2, 3)
    for (k in seq_along(grades)) {
      m <- sample(14:24, 1)
      g <- grades[k]
      gender <- sample(c("m", "v", "x"), m, replace = TRUE, prob = c(0.48, 0.48, 0.04))
      par_know <- sample(c("altijd", "soms", "nooit"), m, replace = TRUE, prob = c(0.55, 0.3, 0.15))
      sport <- sample(c(0, 1, 2, 10), m, replace = TRUE, prob = c(0.3, 0.3, 0.25, 0.15))
      age <- round(11.5 + g + runif(m, 0, 1.2), 2)
      school_effect <- c(-0.4, 0, 0.3, -0.2, 0.5, 0.1)[s]
      eta <- -4.2 + 0.25 * (age - 12) + school_effect + 0.9 * (par_know == "soms") + 1.6 * (par_know == "nooit") -
        0.3 * (sport == 2) - 0.5 * (sport == 10) + 0.3 * (gender == "m") + rnorm(1, 0, 0.3)
      drunk <- rbinom(m, 1, plogis(eta + 1.2))
      drunk[runif(m) < 0.05] <- NA
      par_know[runif(m) < 0.03] <- NA
      weight <- round(runif(m, 0.8, 1.6) * c(3, 4, 3.5, 5, 2.5, 4.5)[s], 3)
      rows[[length(rows) + 1]] <- data.frame(
        school_id = sprintf("S%d", s), class_id = sprintf("S%dC%d", s, k), grade = g, gender = gender,
        par_know = par_know, sport = sport, age = age, drunk = drunk, weight = weight
      )
    }
  }
  dat <- do.call(rbind, rows)
  write.csv(dat, "logistic.csv", row.names = FALSE, na = "")
  cells <- unique(dat[, c("school_id", "grade")])
  cells$N <- round(table(interaction(dat$school_id, dat$grade))[paste(cells$school_id, cells$grade, sep = ".")] *
    runif(nrow(cells), 4, 6))
  write.csv(cells, "logistic_enrolment.csv", row.names = FALSE)
}

dat <- read.csv("logistic.csv", stringsAsFactors = FALSE, na.strings = "")
enrol <- read.csv("logistic_enrolment.csv", stringsAsFactors = FALSE)
dat$sport_f <- factor(dat$sport)  # integer levels sort numerically: 0, 1, 2, 10
dat$par_know <- relevel(factor(dat$par_know), ref = "soms")
dat$gender <- factor(dat$gender)
dat$grade_f <- factor(dat$grade)
dat$older <- dat$grade >= 2
des <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = dat, nest = TRUE)
names(enrol)[names(enrol) == "N"] <- "Freq"
pst <- postStratify(des, ~school_id + grade, enrol)

rename <- function(terms) {
  out <- terms
  for (v in c("par_know", "sport_f", "gender", "grade_f")) {
    lev <- levels(dat[[v]])
    for (l in lev) out[terms == paste0(v, l)] <- paste0(sub("_f$", "", v), "=", l)
  }
  out
}
ctl <- glm.control(epsilon = 1e-15, maxit = 200)
full <- drunk ~ par_know + sport_f + age + gender
out <- data.frame()
add <- function(case, fit) {
  s <- summary(fit)$coefficients
  out <<- rbind(out, data.frame(
    case = case, term = rename(rownames(s)), estimate = sprintf("%.17g", s[, 1]), se = sprintf("%.17g", s[, 2]),
    t = sprintf("%.17g", s[, 3]), p_value = sprintf("%.17g", s[, 4]), df = fit$df.residual
  ))
}
add("plain", svyglm(full, design = des, family = quasibinomial(), control = ctl))
add("plain_domain", svyglm(full, design = subset(des, older), family = quasibinomial(), control = ctl))
add("poststratified", svyglm(full, design = pst, family = quasibinomial(), control = ctl))
add("poststratified_domain", svyglm(full, design = subset(pst, older), family = quasibinomial(), control = ctl))
# factor_table: crude odds ratios per grade (the factor alone, in each grade's domain), and adjusted for gender
for (g in sort(unique(dat$grade))) {
  d <- update(pst, ing = grade == g)
  add(paste0("crude_grade", g), svyglm(drunk ~ par_know, design = subset(d, ing), family = quasibinomial(),
                                       control = ctl))
}
add("crude_total", svyglm(drunk ~ par_know, design = pst, family = quasibinomial(), control = ctl))
add("adjusted_total", svyglm(drunk ~ par_know + grade_f + gender, design = pst, family = quasibinomial(),
                             control = ctl))
write.csv(out, "logistic_golden.csv", row.names = FALSE)

# the factor levels' proportions (svyby of a domain, as Kansrijk's estimate) under post-stratification
prop <- svyby(~drunk, ~par_know, pst, svymean, na.rm = TRUE)
write.csv(data.frame(level = as.character(prop$par_know), estimate = sprintf("%.17g", prop$drunk),
                     se = sprintf("%.17g", SE(prop))), "logistic_levels.csv", row.names = FALSE)
