package store

import (
	"context"
	"fmt"
	"time"

	"amendlens/analysis"
)

// Judge stores judgement j of an insertion of document doc, replacing the
// one given before of the same insertion and stage, and moves the
// document's revision, so that pages drawn before show it. The error
// wraps ErrNotFound when doc is not stored.
func (db *DB) Judge(ctx context.Context, doc string, j analysis.Judgement) error {
	err := db.write(ctx, func(t *txn) error {
		var id int64
		if err := t.queryRow(ctx, `SELECT id FROM documents WHERE name = ?`, doc).Scan(&id); err != nil {
			return fmt.Errorf("find document: %w", errNoRowsToNotFound(err))
		}
		if err := putJudgements(ctx, t, doc, []analysis.Judgement{j}); err != nil {
			return err
		}
		revision, err := nextRevision(ctx, t)
		if err != nil {
			return err
		}
		_, err = t.exec(ctx, `UPDATE documents SET revision = ? WHERE id = ?`, revision, id)
		return err
	})
	if err != nil {
		return fmt.Errorf("store: judge %s in %s: %w", j.ChangeID, doc, err)
	}
	return nil
}

// putJudgements writes js of document doc, each replacing a stored
// judgement of the same insertion and stage.
func putJudgements(ctx context.Context, t *txn, doc string, js []analysis.Judgement) error {
	for _, j := range js {
		_, err := t.exec(ctx, `INSERT INTO judgements (document, change_id, judged_at, original, verdict, who, at) VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (document, change_id, judged_at) DO UPDATE SET original = excluded.original, verdict = excluded.verdict, who = excluded.who, at = excluded.at`,
			doc, j.ChangeID, j.JudgedAt, string(j.Original), string(j.Verdict), j.Who, j.At.UnixNano())
		if err != nil {
			return fmt.Errorf("insert judgement: %w", err)
		}
	}
	return nil
}

// judgements reads the judgements of document doc, oldest first.
func judgements(ctx context.Context, t *txn, doc string) ([]analysis.Judgement, error) {
	rows, err := t.query(ctx, `SELECT change_id, judged_at, original, verdict, who, at FROM judgements WHERE document = ? ORDER BY at, change_id, judged_at`, doc)
	if err != nil {
		return nil, fmt.Errorf("judgements: %w", err)
	}
	defer rows.Close()
	var out []analysis.Judgement
	for rows.Next() {
		var (
			j                 analysis.Judgement
			original, verdict string
			at                int64
		)
		if err := rows.Scan(&j.ChangeID, &j.JudgedAt, &original, &verdict, &j.Who, &at); err != nil {
			return nil, fmt.Errorf("judgements: %w", err)
		}
		j.Original, j.Verdict, j.At = analysis.Verdict(original), analysis.Verdict(verdict), time.Unix(0, at).UTC()
		out = append(out, j)
	}
	return out, rows.Err()
}
