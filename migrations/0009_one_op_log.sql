-- One "answered once" record for every kind of operation a device sends (issue 16): channel
-- writes now travel as sync operations. Answers already given to channel writes move into
-- sync_ops, in the engine's typed form, so a device that re-sends one after upgrading gets its
-- first answer again instead of a second post. Their account is not known: 0.
INSERT OR IGNORE INTO sync_ops (op_id, person_id, account_id, outcome, received_at)
SELECT op_id, person_id, 0,
       CASE
           WHEN json_extract(outcome, '$.outcome') <> 'rejected' THEN outcome
           WHEN json_extract(outcome, '$.reason') IN ('forbidden', 'not_found', 'already_exists')
               THEN json_object('outcome', 'rejected', 'reason', json_extract(outcome, '$.reason'))
           ELSE json_object('outcome', 'rejected', 'reason', 'invalid',
                            'detail', json_extract(outcome, '$.reason'))
       END,
       received_at
FROM channel_ops;

DROP TABLE channel_ops;
