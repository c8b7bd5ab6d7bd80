"""Each family of rules: a case that fires and a case that stays silent for every rule."""
