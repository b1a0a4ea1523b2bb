-- Stores filled before imports refreshed the planner's statistics (the embedded store has no
-- autovacuum) may still be planned as if their tables were empty: count their rows once.
ANALYZE;
