-- Keeps paragraph_counts equal to counting the comments that count (published, not deleted,
-- hidden or removed; pro/contra/neutral for top-level arguments), whatever path changes them.
INSERT INTO paragraph_counts (debate_id, block_id, comments, pro, contra, neutral)
SELECT debate_id, block_id, count(*),
  sum(parent_id IS NULL AND stance = 'pro'), sum(parent_id IS NULL AND stance = 'contra'), sum(parent_id IS NULL AND stance = 'neutral')
FROM comments
WHERE comments.status = 'published' AND comments.deleted_at IS NULL AND comments.hidden_at IS NULL AND comments.removed_at IS NULL
GROUP BY debate_id, block_id;
--> statement-breakpoint
CREATE TRIGGER comments_count_insert AFTER INSERT ON comments
WHEN new.status = 'published' AND new.deleted_at IS NULL AND new.hidden_at IS NULL AND new.removed_at IS NULL
BEGIN
  INSERT INTO paragraph_counts (debate_id, block_id, comments, pro, contra, neutral)
  VALUES (new.debate_id, new.block_id, 1, new.parent_id IS NULL AND new.stance = 'pro', new.parent_id IS NULL AND new.stance = 'contra', new.parent_id IS NULL AND new.stance = 'neutral')
  ON CONFLICT (debate_id, block_id) DO UPDATE SET
    comments = comments + 1, pro = pro + excluded.pro, contra = contra + excluded.contra, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
CREATE TRIGGER comments_count_update_old AFTER UPDATE OF status, deleted_at, hidden_at, removed_at, block_id, debate_id, parent_id, stance ON comments
WHEN old.status = 'published' AND old.deleted_at IS NULL AND old.hidden_at IS NULL AND old.removed_at IS NULL
BEGIN
  UPDATE paragraph_counts SET
    comments = comments - 1,
    pro = pro - (old.parent_id IS NULL AND old.stance = 'pro'),
    contra = contra - (old.parent_id IS NULL AND old.stance = 'contra'),
    neutral = neutral - (old.parent_id IS NULL AND old.stance = 'neutral')
  WHERE debate_id = old.debate_id AND block_id = old.block_id;
END;
--> statement-breakpoint
CREATE TRIGGER comments_count_update_new AFTER UPDATE OF status, deleted_at, hidden_at, removed_at, block_id, debate_id, parent_id, stance ON comments
WHEN new.status = 'published' AND new.deleted_at IS NULL AND new.hidden_at IS NULL AND new.removed_at IS NULL
BEGIN
  INSERT INTO paragraph_counts (debate_id, block_id, comments, pro, contra, neutral)
  VALUES (new.debate_id, new.block_id, 1, new.parent_id IS NULL AND new.stance = 'pro', new.parent_id IS NULL AND new.stance = 'contra', new.parent_id IS NULL AND new.stance = 'neutral')
  ON CONFLICT (debate_id, block_id) DO UPDATE SET
    comments = comments + 1, pro = pro + excluded.pro, contra = contra + excluded.contra, neutral = neutral + excluded.neutral;
END;
--> statement-breakpoint
CREATE TRIGGER comments_count_delete AFTER DELETE ON comments
WHEN old.status = 'published' AND old.deleted_at IS NULL AND old.hidden_at IS NULL AND old.removed_at IS NULL
BEGIN
  UPDATE paragraph_counts SET
    comments = comments - 1,
    pro = pro - (old.parent_id IS NULL AND old.stance = 'pro'),
    contra = contra - (old.parent_id IS NULL AND old.stance = 'contra'),
    neutral = neutral - (old.parent_id IS NULL AND old.stance = 'neutral')
  WHERE debate_id = old.debate_id AND block_id = old.block_id;
END;
