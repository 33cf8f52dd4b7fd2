-- One gate for user content.
-- A company's public reply to a review is a user-authored item like the
-- others: it can be held, hidden or redacted by moderation.
ALTER TABLE review_replies ADD COLUMN moderation_state TEXT NOT NULL DEFAULT 'visible';
ALTER TABLE review_replies ADD COLUMN moderation_clause INTEGER;
ALTER TABLE review_replies ADD COLUMN moderated_at TIMESTAMP;

-- FAQ entries point at the thread's accepted answer instead of copying it,
-- so a later hold, hide or withdrawal takes the entry out of the FAQ too.
ALTER TABLE faq_entries DROP COLUMN question;
ALTER TABLE faq_entries DROP COLUMN answer_source;
ALTER TABLE faq_entries DROP COLUMN answer_html;

-- A decision acts on the content and, separately, on its author: it can
-- hide a reply and suspend its author at once. `released` records that the
-- decision published a held item (only an explicit release does).
ALTER TABLE moderation_decisions ADD COLUMN author_action TEXT;
ALTER TABLE moderation_decisions ADD COLUMN author_until TIMESTAMP;
ALTER TABLE moderation_decisions ADD COLUMN released BOOLEAN NOT NULL DEFAULT FALSE;
