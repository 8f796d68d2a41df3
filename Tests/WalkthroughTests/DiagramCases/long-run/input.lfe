(laps:start 3 4)
