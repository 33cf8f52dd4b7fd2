CREATE TABLE categories (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    company_id BIGINT REFERENCES companies (id),
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    -- Built-in general categories carry a translation key instead of a fixed name.
    name_key TEXT,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL
);
CREATE UNIQUE INDEX categories_company ON categories (company_id) WHERE company_id IS NOT NULL;

CREATE TABLE threads (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    category_id BIGINT NOT NULL REFERENCES categories (id),
    company_id BIGINT REFERENCES companies (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    title TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- 0 problem/complaint, 1 question, 2 praise/suggestion: the hanging queue's order.
    priority INTEGER NOT NULL,
    status TEXT NOT NULL,
    accepted_post_id BIGINT,
    first_staff_answer_at TIMESTAMP,
    first_response_secs BIGINT,
    reply_count INTEGER NOT NULL DEFAULT 0,
    last_activity_at TIMESTAMP NOT NULL,
    withdrawn_at TIMESTAMP,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX threads_category ON threads (category_id, id);
CREATE INDEX threads_hanging ON threads (company_id, first_staff_answer_at, priority, created_at);
CREATE INDEX threads_author ON threads (author_id);

CREATE TABLE posts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    -- Set when staff of the thread's company wrote it: the company's official voice.
    as_company_id BIGINT REFERENCES companies (id),
    is_opening BOOLEAN NOT NULL DEFAULT 0,
    quote_post_id BIGINT REFERENCES posts (id),
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    edited_at TIMESTAMP,
    withdrawn_at TIMESTAMP
);
CREATE INDEX posts_thread ON posts (thread_id, id);
CREATE INDEX posts_author ON posts (author_id);

CREATE TABLE post_revisions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    title TEXT,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

CREATE TABLE answer_ratings (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    rater_id BIGINT NOT NULL REFERENCES users (id),
    rating INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (post_id, rater_id)
);
CREATE INDEX answer_ratings_thread ON answer_ratings (thread_id);

CREATE TABLE subscriptions (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (thread_id, user_id)
);

CREATE TABLE search_misses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    query TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX search_misses_created ON search_misses (created_at);

-- Full-text index over post bodies (and the thread title on opening posts),
-- kept in step by triggers; withdrawn posts leave the index.
CREATE VIRTUAL TABLE posts_fts USING fts5 (title, body, tokenize = 'unicode61 remove_diacritics 2');

CREATE TRIGGER posts_fts_insert AFTER INSERT ON posts WHEN new.withdrawn_at IS NULL BEGIN
    INSERT INTO posts_fts (rowid, title, body)
    VALUES (new.id, CASE WHEN new.is_opening THEN (SELECT title FROM threads WHERE id = new.thread_id) ELSE '' END, new.body_source);
END;
CREATE TRIGGER posts_fts_update AFTER UPDATE OF body_source, withdrawn_at ON posts BEGIN
    DELETE FROM posts_fts WHERE rowid = old.id;
    INSERT INTO posts_fts (rowid, title, body)
    SELECT new.id, CASE WHEN new.is_opening THEN (SELECT title FROM threads WHERE id = new.thread_id) ELSE '' END, new.body_source
    WHERE new.withdrawn_at IS NULL;
END;
CREATE TRIGGER posts_fts_title AFTER UPDATE OF title ON threads BEGIN
    UPDATE posts_fts SET title = new.title WHERE rowid IN (SELECT id FROM posts WHERE thread_id = new.id AND is_opening);
END;

INSERT INTO categories (company_id, slug, name, name_key, description, position, created_at)
VALUES (NULL, 'general', 'General discussion', 'category-general', '', 0, CURRENT_TIMESTAMP),
       (NULL, 'tips', 'Tips and experiences', 'category-tips', '', 1, CURRENT_TIMESTAMP);

-- Every company has its forum section, including those created before this migration.
INSERT INTO categories (company_id, slug, name, name_key, description, position, created_at)
SELECT id, slug, name, NULL, '', 10, created_at FROM companies;
