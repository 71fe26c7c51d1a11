# Golden values for the domain's own degrees of freedom (estimate(..., df="domain") and the school-versus-rest
# test with the school's df), computed with R's survey package. Run from this folder:  Rscript domain_df.R
# Writes domain_df.csv and domain_vs_rest_df.csv (17 significant digits). The test suite never runs R.
#
# R's svyby(~y, ~domain, design, svyciprop) calls svyciprop on subset(design, domain), whose default
# df = degf(subset(...)): the domain's PSUs minus its strata, counted over the domain's rows with a non-zero
# weight whether or not y is missing. svyciprop itself does not drop missing values (its svyglm returns NaN),
# so each domain is done by hand here: df from the domain subset, estimate and SE from svymean(na.rm = TRUE),
# the logit CI of svyciprop on the domain's complete rows with that df (checked against svyciprop where R's
# CI is finite). df < 1: qt() is NaN, no CI.
suppressMessages(library(survey))
options(survey.lonely.psu = "adjust")
school <- read.csv("school.csv", stringsAsFactors = FALSE)
enrol <- read.csv("enrolment.csv", stringsAsFactors = FALSE)
f17 <- function(x) ifelse(is.na(x) | is.nan(x), "", sprintf("%.17g", x))
sch <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = school, nest = TRUE)
# the post-stratified design of make_golden.R (S5 collapsed across grade)
school$ps_cell <- ifelse(school$school_id == "S5", "S5|*", paste(school$school_id, school$grade, sep = "|"))
enrol$ps_cell <- ifelse(enrol$school_id == "S5", "S5|*", paste(enrol$school_id, enrol$grade, sep = "|"))
pop <- aggregate(N ~ ps_cell, data = enrol, sum)
names(pop)[2] <- "Freq"
sch <- svydesign(ids = ~class_id, strata = ~school_id, weights = ~weight, data = school, nest = TRUE)
ps <- postStratify(sch, ~ps_cell, pop)

out <- list()
run <- function(case, des, by) {
  d <- des$variables
  dom <- do.call(paste, c(lapply(by, function(b) d[[b]]), sep = "|"))
  for (v in c("alc_30d", "life_sat")) {
    for (g in sort(unique(dom))) {
      sub <- des[dom == g]
      df <- degf(sub)
      r <- svymean(make.formula(v), sub, na.rm = TRUE)
      est <- coef(r)[[1]]; se <- SE(r)[[1]]
      if (v == "alc_30d") {
        ci <- c(NA, NA)
        if (df >= 1 && est > 0 && est < 1) {
          sub2 <- sub[!is.na(sub$variables[[v]])]
          cp <- svyciprop(~I(alc_30d == 1), sub2, method = "logit", df = df)
          stopifnot(isTRUE(all.equal(coef(cp)[[1]], est, tolerance = 1e-8)))
          # svyciprop's logit CI is expit(logit p +- t(df) se / (p (1 - p))). With df = 1 R's confint.svyglm
          # rounds its level 1 - 2 pnorm(qt(0.025, 1)) to 1 and returns (-Inf, Inf); the formula is finite.
          ci <- plogis(qlogis(est) + c(-1, 1) * qt(0.975, df) * se / (est * (1 - est)))
          r_ci <- as.vector(attr(cp, "ci"))
          if (all(is.finite(r_ci)) && all(r_ci > 0 & r_ci < 1))
            stopifnot(isTRUE(all.equal(r_ci, ci, tolerance = 1e-6)))
        } else if (df >= 1) ci <- c(est, est)
      } else {
        ci <- if (df >= 1) as.vector(confint(r, df = df)) else c(NA, NA)
      }
      out[[length(out) + 1]] <<- data.frame(
        case = case, by = paste(by, collapse = "+"), variable = v, domain = g, estimate = f17(est),
        se = f17(se), ci_low = f17(ci[1]), ci_high = f17(ci[2]), df = df
      )
    }
  }
}
run("school", sch, "school_id")
run("school", sch, c("school_id", "grade"))
run("school", sch, "grade")
run("school_ps", ps, "school_id")
run("school_ps", ps, c("school_id", "grade"))
write.csv(do.call(rbind, out), "domain_df.csv", row.names = FALSE)

# school versus the rest: the contrast of svyglm(y ~ in_school), tested on t with the school's own df
out <- list()
for (case in c("school", "school_ps")) {
  des0 <- if (case == "school") sch else ps
  for (v in c("alc_30d", "life_sat")) {
    for (s in sort(unique(school$school_id))) {
      des <- update(des0, indom = as.numeric(school_id == s))
      fit <- svyglm(as.formula(paste0(v, " ~ indom")), design = des)
      df <- degf(subset(des0, school_id == s))
      est <- coef(fit)[["indom"]]; se <- SE(fit)[["indom"]]
      p <- if (df >= 1) 2 * pt(-abs(est / se), df) else NA
      out[[length(out) + 1]] <- data.frame(case = case, variable = v, school_id = s, difference = f17(est),
                                           se = f17(se), df = df, p_value = f17(p))
    }
  }
}
write.csv(do.call(rbind, out), "domain_vs_rest_df.csv", row.names = FALSE)
