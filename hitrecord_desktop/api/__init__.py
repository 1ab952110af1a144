"""Qt-free client of the platform API: requests session, typed results, token store, tus."""
