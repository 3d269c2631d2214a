-- Atomic, all-or-nothing reservation of several quota counters in one statement.
-- Rows are locked in key order so that concurrent reservations over overlapping keys cannot
-- deadlock; each check reads the latest committed count (READ COMMITTED, per statement), so the
-- limits hold exactly across any number of app instances sharing this database.
CREATE OR REPLACE FUNCTION toolgate_reserve(
  p_keys text[], p_amounts bigint[], p_maxes bigint[], p_window_ends timestamptz[], p_org text
) RETURNS TABLE (allowed boolean, failed_index integer, counts bigint[])
LANGUAGE plpgsql AS $$
DECLARE
  i integer;
  current_count bigint;
  new_counts bigint[] := ARRAY[]::bigint[];
BEGIN
  INSERT INTO "QuotaCounter" ("key", "orgId", "count", "windowEnd")
    SELECT t.k, p_org, 0, t.w FROM unnest(p_keys, p_window_ends) AS t(k, w)
    ORDER BY t.k
    ON CONFLICT ("key") DO NOTHING;
  PERFORM 1 FROM "QuotaCounter" WHERE "key" = ANY (p_keys) ORDER BY "key" FOR UPDATE;
  FOR i IN 1 .. coalesce(array_length(p_keys, 1), 0) LOOP
    SELECT "count" INTO current_count FROM "QuotaCounter" WHERE "key" = p_keys[i];
    IF current_count + p_amounts[i] > p_maxes[i] THEN
      allowed := false;
      failed_index := i - 1;
      counts := NULL;
      RETURN NEXT;
      RETURN;
    END IF;
    new_counts := new_counts || (current_count + p_amounts[i]);
  END LOOP;
  UPDATE "QuotaCounter" AS q SET "count" = q."count" + t.a
    FROM unnest(p_keys, p_amounts) AS t(k, a) WHERE q."key" = t.k;
  allowed := true;
  failed_index := -1;
  counts := new_counts;
  RETURN NEXT;
END;
$$;

-- Gives back a reservation whose call did not go through (upstream failure). Never below zero.
CREATE OR REPLACE FUNCTION toolgate_release(p_keys text[], p_amounts bigint[])
RETURNS void LANGUAGE sql AS $$
  UPDATE "QuotaCounter" AS q SET "count" = greatest(q."count" - t.a, 0)
    FROM unnest(p_keys, p_amounts) AS t(k, a) WHERE q."key" = t.k;
$$;
