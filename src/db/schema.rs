//! One description of the tables for both backends. The SQL lives in
//! `migrations/sqlite` and `migrations/postgres`; keep the three in step.

diesel::table! {
    users (id) {
        id -> BigInt,
        email -> Text,
        display_name -> Text,
        password_hash -> Text,
        email_verified_at -> Nullable<Timestamp>,
        is_admin -> Bool,
        is_moderator -> Bool,
        locale -> Nullable<Text>,
        suspended_until -> Nullable<Timestamp>,
        created_at -> Timestamp,
        disabled_at -> Nullable<Timestamp>,
        erased_at -> Nullable<Timestamp>,
        bio -> Nullable<Text>,
        mail_token -> Nullable<Text>,
        last_digest_at -> Nullable<Timestamp>,
        time_zone -> Nullable<Text>,
    }
}

diesel::table! {
    sessions (id) {
        id -> BigInt,
        token_hash -> Text,
        user_id -> BigInt,
        created_at -> Timestamp,
        last_seen_at -> Timestamp,
        expires_at -> Timestamp,
        remember -> Bool,
        user_agent -> Text,
        address_hash -> Text,
    }
}

diesel::table! {
    companies (id) {
        id -> BigInt,
        name -> Text,
        slug -> Text,
        description -> Text,
        website -> Nullable<Text>,
        created_at -> Timestamp,
        review_count -> Integer,
        rating_sum -> BigInt,
        stars_1 -> Integer,
        stars_2 -> Integer,
        stars_3 -> Integer,
        stars_4 -> Integer,
        stars_5 -> Integer,
        category -> Text,
        score_weight -> Double,
        score_weighted_sum -> Double,
    }
}

diesel::table! {
    company_staff (user_id, company_id) {
        user_id -> BigInt,
        company_id -> BigInt,
        created_at -> Timestamp,
        desk_seen_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    email_tokens (id) {
        id -> BigInt,
        user_id -> BigInt,
        purpose -> Text,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    outbox (id) {
        id -> BigInt,
        to_address -> Text,
        subject -> Text,
        body_text -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        attempts -> Integer,
        next_attempt_at -> Timestamp,
        locked_until -> Nullable<Timestamp>,
        sent_at -> Nullable<Timestamp>,
        failed_at -> Nullable<Timestamp>,
        last_error -> Nullable<Text>,
        locked_by -> Nullable<Text>,
        list_unsubscribe -> Nullable<Text>,
    }
}

diesel::table! {
    throttle_events (id) {
        id -> BigInt,
        kind -> Text,
        subject -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    audit_log (id) {
        id -> BigInt,
        actor_user_id -> Nullable<BigInt>,
        action -> Text,
        subject -> Text,
        created_at -> Timestamp,
        request_id -> Nullable<Text>,
        address_hash -> Nullable<Text>,
        outcome -> Text,
    }
}

diesel::table! {
    categories (id) {
        id -> BigInt,
        company_id -> Nullable<BigInt>,
        slug -> Text,
        name -> Text,
        name_key -> Nullable<Text>,
        description -> Text,
        position -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    threads (id) {
        id -> BigInt,
        category_id -> BigInt,
        company_id -> Nullable<BigInt>,
        author_id -> BigInt,
        title -> Text,
        kind -> Text,
        priority -> Integer,
        status -> Text,
        accepted_post_id -> Nullable<BigInt>,
        first_staff_answer_at -> Nullable<Timestamp>,
        first_response_secs -> Nullable<BigInt>,
        reply_count -> Integer,
        last_activity_at -> Timestamp,
        withdrawn_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        moderation_state -> Text,
        moderation_clause -> Nullable<Integer>,
        assigned_to -> Nullable<BigInt>,
        assigned_at -> Nullable<Timestamp>,
        no_answer_reason -> Nullable<Text>,
        no_answer_note -> Nullable<Text>,
        no_answer_at -> Nullable<Timestamp>,
        company_liked_at -> Nullable<Timestamp>,
        after_hours_opens_at -> Nullable<Timestamp>,
        after_hours_due_at -> Nullable<Timestamp>,
        incident_id -> Nullable<BigInt>,
        first_response_office_secs -> Nullable<BigInt>,
        private_contact_at -> Nullable<Timestamp>,
    }
}

// PostgreSQL also has `search_vector` (kept by a trigger); SQLite keeps the
// `posts_fts` table instead. Neither is read through this description.
diesel::table! {
    posts (id) {
        id -> BigInt,
        thread_id -> BigInt,
        author_id -> BigInt,
        as_company_id -> Nullable<BigInt>,
        is_opening -> Bool,
        quote_post_id -> Nullable<BigInt>,
        body_source -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        withdrawn_at -> Nullable<Timestamp>,
        moderation_state -> Text,
        moderation_clause -> Nullable<Integer>,
        moderated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    post_revisions (id) {
        id -> BigInt,
        post_id -> BigInt,
        title -> Nullable<Text>,
        body_source -> Text,
        body_html -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    answer_ratings (id) {
        id -> BigInt,
        post_id -> BigInt,
        thread_id -> BigInt,
        rater_id -> BigInt,
        rating -> Integer,
        created_at -> Timestamp,
    }
}

diesel::table! {
    subscriptions (id) {
        id -> BigInt,
        thread_id -> BigInt,
        user_id -> BigInt,
        token -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    search_misses (id) {
        id -> BigInt,
        query -> Text,
        created_at -> Timestamp,
        company_id -> Nullable<BigInt>,
    }
}

diesel::table! {
    review_invitations (id) {
        id -> BigInt,
        company_id -> BigInt,
        created_by -> BigInt,
        email -> Nullable<Text>,
        token_hash -> Text,
        expires_at -> Timestamp,
        used_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reviews (id) {
        id -> BigInt,
        company_id -> BigInt,
        author_id -> BigInt,
        rating -> Integer,
        title -> Text,
        body_source -> Text,
        body_html -> Text,
        experience_date -> Nullable<Date>,
        reference -> Nullable<Text>,
        invitation_id -> Nullable<BigInt>,
        helpful_count -> Integer,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        withdrawn_at -> Nullable<Timestamp>,
        moderation_state -> Text,
        moderation_clause -> Nullable<Integer>,
        moderated_at -> Nullable<Timestamp>,
        suspicion_score -> Integer,
        client_hash -> Nullable<Text>,
        device_hash -> Nullable<Text>,
        private_contact_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    review_revisions (id) {
        id -> BigInt,
        review_id -> BigInt,
        rating -> Integer,
        title -> Text,
        body_source -> Text,
        body_html -> Text,
        experience_date -> Nullable<Date>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_labels (id) {
        id -> BigInt,
        review_id -> BigInt,
        label -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_helpful (id) {
        id -> BigInt,
        review_id -> BigInt,
        user_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    review_replies (id) {
        id -> BigInt,
        review_id -> BigInt,
        company_id -> BigInt,
        author_id -> BigInt,
        body_source -> Text,
        body_html -> Text,
        created_at -> Timestamp,
        edited_at -> Nullable<Timestamp>,
        moderation_state -> Text,
        moderation_clause -> Nullable<Integer>,
        moderated_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    review_reply_revisions (id) {
        id -> BigInt,
        reply_id -> BigInt,
        body_source -> Text,
        body_html -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    company_response_times (company_id) {
        company_id -> BigInt,
        average_secs -> Nullable<BigInt>,
        answered_threads -> Integer,
        window_hours -> Integer,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    guideline_clauses (id) {
        id -> BigInt,
        number -> Integer,
        code -> Text,
        current_version_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    guideline_versions (id) {
        id -> BigInt,
        clause_id -> BigInt,
        version -> Integer,
        severity -> Integer,
        actions -> Text,
        title_en -> Text,
        title_sv -> Text,
        title_da -> Text,
        title_nb -> Text,
        explanation_en -> Text,
        explanation_sv -> Text,
        explanation_da -> Text,
        explanation_nb -> Text,
        examples_en -> Text,
        examples_sv -> Text,
        examples_da -> Text,
        examples_nb -> Text,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    moderation_cases (id) {
        id -> BigInt,
        kind -> Text,
        item_kind -> Text,
        item_id -> BigInt,
        company_id -> Nullable<BigInt>,
        clause_id -> BigInt,
        severity -> Integer,
        status -> Text,
        lock_version -> Integer,
        facts -> Text,
        appeal_id -> Nullable<BigInt>,
        decision_id -> Nullable<BigInt>,
        opened_at -> Timestamp,
        decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    flags (id) {
        id -> BigInt,
        item_kind -> Text,
        item_id -> BigInt,
        company_id -> Nullable<BigInt>,
        clause_id -> BigInt,
        flagger_id -> Nullable<BigInt>,
        automatic -> Bool,
        from_company_staff -> Bool,
        note -> Text,
        status -> Text,
        case_id -> Nullable<BigInt>,
        outcome -> Nullable<Text>,
        decision_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        closed_at -> Nullable<Timestamp>,
        manifestly_unfounded -> Bool,
    }
}

diesel::table! {
    moderation_decisions (id) {
        id -> BigInt,
        case_id -> Nullable<BigInt>,
        item_kind -> Text,
        item_id -> BigInt,
        company_id -> Nullable<BigInt>,
        author_id -> BigInt,
        moderator_id -> Nullable<BigInt>,
        automatic -> Bool,
        action -> Text,
        clause_id -> BigInt,
        guideline_version_id -> BigInt,
        reason -> Text,
        facts -> Text,
        redacted_text -> Nullable<Text>,
        original_source -> Nullable<Text>,
        redacted_source -> Nullable<Text>,
        until_at -> Nullable<Timestamp>,
        concerns_decision_id -> Nullable<BigInt>,
        appeal_status -> Nullable<Text>,
        reversed_at -> Nullable<Timestamp>,
        followed_up_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        author_action -> Nullable<Text>,
        author_until -> Nullable<Timestamp>,
        released -> Bool,
    }
}

diesel::table! {
    appeals (id) {
        id -> BigInt,
        decision_id -> BigInt,
        appellant_id -> BigInt,
        text -> Text,
        case_id -> Nullable<BigInt>,
        outcome_decision_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    notifications (id) {
        id -> BigInt,
        user_id -> BigInt,
        kind -> Text,
        decision_id -> Nullable<BigInt>,
        item_kind -> Nullable<Text>,
        item_id -> Nullable<BigInt>,
        actor_id -> Nullable<BigInt>,
        link -> Text,
        created_at -> Timestamp,
        read_at -> Nullable<Timestamp>,
        digest_due -> Bool,
    }
}

diesel::table! {
    invitation_refusals (email_hash) {
        email_hash -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    thread_reads (user_id, thread_id) {
        user_id -> BigInt,
        thread_id -> BigInt,
        read_at -> Timestamp,
    }
}

diesel::table! {
    notification_settings (user_id, kind) {
        user_id -> BigInt,
        kind -> Text,
        delivery -> Text,
    }
}

diesel::table! {
    review_signals (id) {
        id -> BigInt,
        review_id -> BigInt,
        code -> Text,
        weight -> Integer,
        detail -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    verifications (id) {
        id -> BigInt,
        review_id -> BigInt,
        company_id -> BigInt,
        trigger -> Text,
        triggered_by -> Nullable<BigInt>,
        rating -> Integer,
        status -> Text,
        lock_version -> Integer,
        message -> Nullable<Text>,
        token_hash -> Nullable<Text>,
        requested_by -> Nullable<BigInt>,
        requested_at -> Nullable<Timestamp>,
        deadline_at -> Nullable<Timestamp>,
        answer_text -> Nullable<Text>,
        answer_reference -> Nullable<Text>,
        answered_at -> Nullable<Timestamp>,
        decided_by -> Nullable<BigInt>,
        decided_at -> Nullable<Timestamp>,
        decision_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    service_settings (company_id) {
        company_id -> BigInt,
        target_minutes -> Integer,
        time_zone -> Text,
        weekly_hours -> Text,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    service_holidays (id) {
        id -> BigInt,
        company_id -> BigInt,
        day -> Date,
        name -> Text,
    }
}

diesel::table! {
    canned_answers (id) {
        id -> BigInt,
        company_id -> BigInt,
        title -> Text,
        body -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        updated_at -> Timestamp,
    }
}

diesel::table! {
    conversations (id) {
        id -> BigInt,
        company_id -> BigInt,
        customer_id -> BigInt,
        thread_id -> Nullable<BigInt>,
        review_id -> Nullable<BigInt>,
        subject -> Text,
        started_by -> BigInt,
        created_at -> Timestamp,
        last_message_at -> Timestamp,
    }
}

diesel::table! {
    conversation_messages (id) {
        id -> BigInt,
        conversation_id -> BigInt,
        author_id -> BigInt,
        from_company -> Bool,
        body_source -> Text,
        body_html -> Text,
        created_at -> Timestamp,
    }
}

diesel::table! {
    incidents (id) {
        id -> BigInt,
        company_id -> BigInt,
        title -> Text,
        status -> Text,
        created_by -> BigInt,
        created_at -> Timestamp,
        resolved_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    incident_updates (id) {
        id -> BigInt,
        incident_id -> BigInt,
        status -> Text,
        body_source -> Text,
        body_html -> Text,
        author_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    faq_entries (id) {
        id -> BigInt,
        company_id -> BigInt,
        thread_id -> BigInt,
        promoted_by -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    support_daily (company_id, day) {
        company_id -> BigInt,
        day -> Date,
        questions -> Integer,
        answered -> Integer,
        answered_in_target -> Integer,
        no_answer_needed -> Integer,
        response_secs -> BigInt,
        response_office_secs -> BigInt,
        ratings -> Integer,
        ratings_high -> Integer,
        ratings_low -> Integer,
        reviews -> Integer,
        review_rating_sum -> BigInt,
        review_replies -> Integer,
        review_reply_secs -> BigInt,
    }
}

diesel::table! {
    customer_days (company_id, user_id, day) {
        company_id -> BigInt,
        user_id -> BigInt,
        day -> Date,
    }
}

diesel::table! {
    watched_words (id) {
        id -> BigInt,
        lang -> Text,
        pattern -> Text,
        action -> Text,
        clause_code -> Text,
        message -> Text,
        replaces_id -> Nullable<BigInt>,
        created_by -> Nullable<BigInt>,
        created_at -> Timestamp,
        retired_at -> Nullable<Timestamp>,
        retired_by -> Nullable<BigInt>,
    }
}

diesel::table! {
    content_fingerprints (id) {
        id -> BigInt,
        hash -> Text,
        item_kind -> Text,
        item_id -> BigInt,
        author_id -> BigInt,
        created_at -> Timestamp,
    }
}

diesel::table! {
    legal_notices (id) {
        id -> BigInt,
        item_kind -> Text,
        item_id -> BigInt,
        company_id -> Nullable<BigInt>,
        ground -> Text,
        explanation -> Text,
        reporter_name -> Text,
        reporter_email -> Text,
        locale -> Text,
        token_hash -> Text,
        confirmed_at -> Nullable<Timestamp>,
        flag_id -> Nullable<BigInt>,
        created_at -> Timestamp,
        anonymised_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    report_appeals (id) {
        id -> BigInt,
        flag_id -> BigInt,
        decision_id -> BigInt,
        appellant_id -> Nullable<BigInt>,
        notice_id -> Nullable<BigInt>,
        text -> Text,
        case_id -> Nullable<BigInt>,
        outcome_decision_id -> Nullable<BigInt>,
        created_at -> Timestamp,
    }
}

diesel::table! {
    reporting_measures (id) {
        id -> BigInt,
        user_id -> Nullable<BigInt>,
        company_id -> Nullable<BigInt>,
        kind -> Text,
        unfounded -> Integer,
        window_days -> Integer,
        until_at -> Nullable<Timestamp>,
        created_at -> Timestamp,
        appeal_text -> Nullable<Text>,
        appealed_at -> Nullable<Timestamp>,
        appeal_outcome -> Nullable<Text>,
        appeal_reason -> Nullable<Text>,
        appeal_decided_by -> Nullable<BigInt>,
        appeal_decided_at -> Nullable<Timestamp>,
    }
}

diesel::table! {
    data_exports (id) {
        id -> BigInt,
        user_id -> BigInt,
        status -> Text,
        token_hash -> Nullable<Text>,
        archive -> Nullable<Binary>,
        size_bytes -> BigInt,
        created_at -> Timestamp,
        ready_at -> Nullable<Timestamp>,
        expires_at -> Nullable<Timestamp>,
        downloaded_at -> Nullable<Timestamp>,
    }
}

diesel::joinable!(sessions -> users (user_id));
diesel::joinable!(company_staff -> users (user_id));
diesel::joinable!(company_staff -> companies (company_id));
diesel::joinable!(email_tokens -> users (user_id));
diesel::joinable!(categories -> companies (company_id));
diesel::joinable!(threads -> categories (category_id));
diesel::joinable!(threads -> users (author_id));
diesel::joinable!(posts -> threads (thread_id));
diesel::joinable!(posts -> users (author_id));
diesel::joinable!(post_revisions -> posts (post_id));
diesel::joinable!(subscriptions -> threads (thread_id));
diesel::joinable!(subscriptions -> users (user_id));
diesel::joinable!(reviews -> users (author_id));
diesel::joinable!(reviews -> companies (company_id));
diesel::joinable!(review_revisions -> reviews (review_id));
diesel::joinable!(review_labels -> reviews (review_id));
diesel::joinable!(review_helpful -> reviews (review_id));
diesel::joinable!(review_replies -> reviews (review_id));
diesel::joinable!(guideline_versions -> guideline_clauses (clause_id));
diesel::joinable!(moderation_cases -> guideline_clauses (clause_id));
diesel::joinable!(moderation_decisions -> guideline_clauses (clause_id));
diesel::joinable!(review_signals -> reviews (review_id));
diesel::joinable!(verifications -> reviews (review_id));
diesel::joinable!(conversation_messages -> conversations (conversation_id));
diesel::joinable!(conversation_messages -> users (author_id));
diesel::joinable!(incident_updates -> incidents (incident_id));
diesel::joinable!(canned_answers -> companies (company_id));
diesel::joinable!(faq_entries -> companies (company_id));

diesel::allow_tables_to_appear_in_same_query!(
    users,
    sessions,
    companies,
    company_staff,
    email_tokens,
    outbox,
    throttle_events,
    audit_log,
    categories,
    threads,
    posts,
    post_revisions,
    answer_ratings,
    subscriptions,
    search_misses,
    review_invitations,
    reviews,
    review_revisions,
    review_labels,
    review_helpful,
    review_replies,
    review_reply_revisions,
    company_response_times,
    guideline_clauses,
    guideline_versions,
    moderation_cases,
    flags,
    moderation_decisions,
    appeals,
    notifications,
    notification_settings,
    thread_reads,
    invitation_refusals,
    review_signals,
    verifications,
    service_settings,
    service_holidays,
    canned_answers,
    conversations,
    conversation_messages,
    incidents,
    incident_updates,
    faq_entries,
    support_daily,
    customer_days,
    watched_words,
    content_fingerprints,
    legal_notices,
    report_appeals,
    reporting_measures,
    data_exports,
);
