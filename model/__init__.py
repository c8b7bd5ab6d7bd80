"""The project data of one department's 决算公开: models, catalogs, file format. No Qt here."""
