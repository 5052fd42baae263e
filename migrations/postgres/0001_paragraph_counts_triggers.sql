-- Keeps paragraph_counts equal to counting the comments that count (published, not deleted,
-- hidden or removed; pro/contra/neutral for top-level arguments), whatever path changes them:
-- the Postgres form of the SQLite triggers of migrations/0003_paragraph_counts_triggers.sql.
CREATE FUNCTION paragraph_counts_add(debate bigint, block bigint, parent bigint, stance text, delta bigint) RETURNS void AS $$
BEGIN
  INSERT INTO paragraph_counts (debate_id, block_id, comments, pro, contra, neutral)
  VALUES (
    debate, block, delta,
    CASE WHEN parent IS NULL AND stance = 'pro' THEN delta ELSE 0 END,
    CASE WHEN parent IS NULL AND stance = 'contra' THEN delta ELSE 0 END,
    CASE WHEN parent IS NULL AND stance = 'neutral' THEN delta ELSE 0 END
  )
  ON CONFLICT (debate_id, block_id) DO UPDATE SET
    comments = paragraph_counts.comments + excluded.comments,
    pro = paragraph_counts.pro + excluded.pro,
    contra = paragraph_counts.contra + excluded.contra,
    neutral = paragraph_counts.neutral + excluded.neutral;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE FUNCTION comments_count() RETURNS trigger AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.status = 'published' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL AND OLD.removed_at IS NULL THEN
    PERFORM paragraph_counts_add(OLD.debate_id, OLD.block_id, OLD.parent_id, OLD.stance, -1);
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.status = 'published' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL AND NEW.removed_at IS NULL THEN
    PERFORM paragraph_counts_add(NEW.debate_id, NEW.block_id, NEW.parent_id, NEW.stance, 1);
  END IF;
  RETURN NULL;
END
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER comments_count AFTER INSERT OR DELETE OR UPDATE OF status, deleted_at, hidden_at, removed_at, block_id, debate_id, parent_id, stance
ON comments FOR EACH ROW EXECUTE FUNCTION comments_count();
