"""Pattern recognizers for the identifiers a relationship bank in LV, NO, RU and CN meets, one per module."""
