"""Official reference nomenclatures (names and codes only), usable without Django."""
