(ring:start 5)
