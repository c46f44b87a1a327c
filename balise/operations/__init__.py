"""Running Balise: the production server, the job worker, backup and restore, health probes."""
