"""Great Expectations gate over the raw day: suites derived from the contract, run through one checkpoint."""
