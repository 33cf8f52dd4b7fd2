DROP TABLE content_fingerprints;
DROP TABLE watched_words;
