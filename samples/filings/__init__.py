"""One module per sample filing; each exposes build() -> samples.spec.Filing."""
