ALTER TABLE moderation_decisions DROP COLUMN released;
ALTER TABLE moderation_decisions DROP COLUMN author_until;
ALTER TABLE moderation_decisions DROP COLUMN author_action;
ALTER TABLE faq_entries ADD COLUMN question TEXT NOT NULL DEFAULT '';
ALTER TABLE faq_entries ADD COLUMN answer_source TEXT NOT NULL DEFAULT '';
ALTER TABLE faq_entries ADD COLUMN answer_html TEXT NOT NULL DEFAULT '';
ALTER TABLE review_replies DROP COLUMN moderated_at;
ALTER TABLE review_replies DROP COLUMN moderation_clause;
ALTER TABLE review_replies DROP COLUMN moderation_state;
