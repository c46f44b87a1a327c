"""The regional layer: a region's plan (PGSP), its partners, subsidies and funded projects linked to
measures, the coverage of measures per actor category and the annual implementation report."""
