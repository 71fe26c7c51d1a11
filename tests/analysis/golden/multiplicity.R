# Golden values for kansrijk.analysis.multiplicity.bh_adjust: R's p.adjust(method = "BH") (stats package).
# Run from this folder:  Rscript multiplicity.R   (writes multiplicity.csv; the test suite never runs R)
# Families with ties, p = 1, a missing p-value (NA: left out of the family, as p.adjust does) and one test.
set.seed(20261203)
families <- list(
  ties = c(0.01, 0.04, 0.04, 0.03, 0.2, 0.5, 1, 0.001),
  with_na = c(0.02, NA, 0.049, 0.3, NA, 0.0001),
  single = c(0.03),
  uniform = round(runif(40), 6),
  mixed = c(round(runif(30), 6), signif(rbeta(20, 0.3, 8), 6))
)
out <- do.call(rbind, lapply(names(families), function(f) {
  p <- families[[f]]
  data.frame(family = f, index = seq_along(p), p = ifelse(is.na(p), "", sprintf("%.17g", p)),
             q = ifelse(is.na(p), "", sprintf("%.17g", p.adjust(p, method = "BH"))))
}))
write.csv(out, "multiplicity.csv", row.names = FALSE)
