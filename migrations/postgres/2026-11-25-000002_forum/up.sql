CREATE TABLE categories (
    id BIGSERIAL PRIMARY KEY,
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
    id BIGSERIAL PRIMARY KEY,
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
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    author_id BIGINT NOT NULL REFERENCES users (id),
    -- Set when staff of the thread's company wrote it: the company's official voice.
    as_company_id BIGINT REFERENCES companies (id),
    is_opening BOOLEAN NOT NULL DEFAULT FALSE,
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
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    title TEXT,
    body_source TEXT NOT NULL,
    body_html TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX post_revisions_post ON post_revisions (post_id, id);

CREATE TABLE answer_ratings (
    id BIGSERIAL PRIMARY KEY,
    post_id BIGINT NOT NULL REFERENCES posts (id),
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    rater_id BIGINT NOT NULL REFERENCES users (id),
    rating INTEGER NOT NULL,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (post_id, rater_id)
);
CREATE INDEX answer_ratings_thread ON answer_ratings (thread_id);

CREATE TABLE subscriptions (
    id BIGSERIAL PRIMARY KEY,
    thread_id BIGINT NOT NULL REFERENCES threads (id),
    user_id BIGINT NOT NULL REFERENCES users (id),
    token TEXT NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL,
    UNIQUE (thread_id, user_id)
);

CREATE TABLE search_misses (
    id BIGSERIAL PRIMARY KEY,
    query TEXT NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX search_misses_created ON search_misses (created_at);

-- Full-text search over post bodies (and the thread title on opening posts):
-- a tsvector kept by triggers ('simple' configuration: the site has three
-- languages); withdrawn posts have none and so are never found.
ALTER TABLE posts ADD COLUMN search_vector tsvector;
CREATE INDEX posts_search ON posts USING GIN (search_vector);

CREATE FUNCTION posts_search_refresh() RETURNS trigger AS $$
BEGIN
    IF NEW.withdrawn_at IS NOT NULL THEN
        NEW.search_vector := NULL;
    ELSE
        NEW.search_vector := to_tsvector('simple',
            coalesce(CASE WHEN NEW.is_opening THEN (SELECT title FROM threads WHERE id = NEW.thread_id) END, '')
            || ' ' || NEW.body_source);
    END IF;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER posts_search BEFORE INSERT OR UPDATE OF body_source, withdrawn_at ON posts
    FOR EACH ROW EXECUTE FUNCTION posts_search_refresh();

CREATE FUNCTION threads_title_search_refresh() RETURNS trigger AS $$
BEGIN
    UPDATE posts SET body_source = body_source WHERE thread_id = NEW.id AND is_opening;
    RETURN NEW;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER threads_title_search AFTER UPDATE OF title ON threads
    FOR EACH ROW EXECUTE FUNCTION threads_title_search_refresh();

INSERT INTO categories (company_id, slug, name, name_key, description, position, created_at)
VALUES (NULL, 'general', 'General discussion', 'category-general', '', 0, CURRENT_TIMESTAMP),
       (NULL, 'tips', 'Tips and experiences', 'category-tips', '', 1, CURRENT_TIMESTAMP);

-- Every company has its forum section, including those created before this migration.
INSERT INTO categories (company_id, slug, name, name_key, description, position, created_at)
SELECT id, slug, name, NULL, '', 10, created_at FROM companies;
