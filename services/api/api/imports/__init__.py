"""Imports: CSV and XLSX files checked in a dry run, then written all or nothing, as jobs."""
