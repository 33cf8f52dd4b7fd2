# Tillit — English. Every user-visible string lives here, in sv.ftl and in da.ftl.

## Layout
nav-skip = Skip to content
nav-login = Log in
nav-signup = Sign up
nav-logout = Log out
nav-account = Your account
nav-account-label = Your account
nav-admin = Administration
nav-language = Language
nav-companies = Companies
search-label = Search
search-placeholder = Search the forum and companies…
search-button = Search
footer-tagline = Tillit — a customer community where criticism stays and every question gets an answer.
footer-nav-label = Site
greeting-user = Welcome, { $name }
yes = Yes
no = No
pagination-next = Next page

## Errors
error-400-title = Something is wrong with the request
error-400-text = The page could not understand what was sent. Go back, check what you entered and try again.
error-403-title = Not allowed
error-403-text = You do not have permission to do that.
error-404-title = Page not found
error-404-text = There is nothing at this address. It may have moved, or the link may be mistyped.
error-409-title = That was already done
error-429-title = Too many attempts
error-429-text = You have tried this too many times in a short while.
error-500-title = Something went wrong on our side
error-500-text = The error has been logged. Please try again in a moment.
error-csrf-text = The form had expired or did not come from this site. Go back, reload the page and send it again.
error-login-required = Please log in to continue.
error-too-large = What you sent is too large.
error-content-type = The form was sent in a format this page does not accept.
error-body-unreadable = What you sent could not be read completely. Please try again.
error-home-link = Go to the front page
error-retry-after = { $minutes ->
    [one] Please try again in a minute.
   *[other] Please try again in { $minutes } minutes.
}

## Forms
form-has-errors = Please correct the marked fields.
form-required = This field is required.
form-too-short = { $min ->
    [one] Enter at least one character.
   *[other] Enter at least { $min } characters.
}
form-too-long = { $max ->
    [one] Enter at most one character.
   *[other] Enter at most { $max } characters.
}
form-invalid-utf8 = Some characters could not be read and were replaced with �. Please check the text.
form-invalid-characters = Remove the control characters from this field.
form-email-invalid = Enter an email address like name@example.com.
field-email = Email address
field-display-name = Display name
field-display-name-hint = Shown next to what you write. 2 to 50 characters.
field-password = Password
field-password-hint = At least 12 characters. A few unrelated words make a strong password.
field-new-password = New password
field-current-password = Current password

## Passwords
password-too-short = The password must have at least 12 characters.
password-too-long = The password can have at most 256 characters.
password-common = This is one of the most common passwords; choose one that nobody else uses.
password-similar-common = This is too close to a commonly used password.
password-personal = The password contains your name or email address; choose something unrelated.
password-keyboard = Keyboard patterns like "qwerty" are easy to guess.
password-repeats = Repeated characters or words are easy to guess.
password-sequence = Sequences like "abc" or "1234" are easy to guess.
password-dates = Dates and years are easy to guess.
password-word = A single word or name is easy to guess; add a few more words.
password-guessable = This password would be easy to guess. Add a few more unrelated words.

## Sign-up and verification
signup-title = Create an account
signup-intro = With an account you can ask questions, answer others and review companies.
signup-submit = Create account
signup-have-account = Already have an account?
signup-done-title = Check your inbox
signup-done-text = We have sent an email to the address you gave. Follow the link in it to confirm your address, then log in. If you do not see it within a few minutes, look in your spam folder.
verify-done = Your email address is confirmed. Welcome!
verify-invalid-title = This link does not work
verify-invalid-text = The confirmation link is invalid, has expired or was already used. Log in and ask for a new one from your account page.
verify-resent = We have sent you a new confirmation email.
verify-resend-limited = We have already sent several confirmation emails. Please wait an hour before asking again.

## Login
login-title = Log in
login-submit = Log in
login-forgot = Forgot your password?
login-no-account = New here?
login-failed = The email address or password is wrong.
login-throttled = Too many failed attempts to log in.
logout-everywhere-title = Logged out everywhere
logout-everywhere-text = Every session of your account, on every device, has been ended. Log in again to continue.

## Password reset
reset-title = Reset your password
reset-intro = Enter the email address of your account and we will send you a link to choose a new password.
reset-submit = Send the link
reset-sent-title = Check your inbox
reset-sent-text = If an account exists for that address, we have sent a link to it. The link works for one hour.
reset-invalid-title = This link does not work
reset-invalid-text = The password reset link is invalid, has expired or was already used.
reset-request-again = Ask for a new link
reset-confirm-title = Choose a new password
reset-confirm-submit = Save the new password
reset-done-title = Your password has been changed
reset-done-text = Every session of your account has been logged out. Log in with your new password.

## Account
account-title = Your account
account-unverified-title = Confirm your email address
account-unverified-text = We sent a confirmation link to { $email }. You need to confirm your address before you can post.
account-resend = Send the link again
account-profile = Profile
account-save = Save
account-profile-saved = Your profile has been saved.
account-password = Password
account-change-password = Change password
account-current-password-wrong = The current password is wrong.
account-password-changed = Your password has been changed. Your other sessions have been logged out.
account-language = Language
account-language-label = Language of the site and of our emails
account-sessions = Sessions
account-sessions-text = Lost a phone or used a shared computer? End every session of your account, including this one.
account-logout-everywhere = Log out everywhere

## Administration
admin-users-title = Users
admin-users-search = Find by email or name
admin-users-none = No users found.
admin-roles = Roles
admin-joined = Joined
admin-verified = Email confirmed
admin-unverified = unconfirmed
admin-roles-saved = The roles have been saved.
admin-moderator-title = Moderator role
admin-moderator-text = Moderators work the moderation queue for every company. They belong to the platform, not to a company.
admin-make-moderator = Make moderator
admin-revoke-moderator = Remove moderator role
admin-staff-title = Staff of companies
admin-staff-none = Not staff of any company.
admin-staff-add-label = Company
admin-staff-add = Make staff of this company
admin-staff-remove = Remove from { $company }
admin-company-missing = Choose a company from the list.
admin-no-companies = No companies yet.
admin-companies-title = Companies
admin-company-new = New company
admin-company-create = Create company
admin-company-list = All companies
admin-company-created = The company has been created.
admin-company-slug-invalid = The address name may contain only lower-case letters a–z, digits and hyphens.
admin-company-slug-taken = Another company already uses this address name.
admin-company-website-invalid = Enter a web address starting with http:// or https://.
field-company-name = Name
field-company-slug = Address name
field-company-slug-hint = Used in the page address, e.g. /companies/nordlys-energi. Leave empty to make it from the name.
field-company-website = Website
field-company-description = Description
role-admin = administrator
role-moderator = moderator
role-customer = customer
role-staff-of = staff of { $company }

## Home and companies
home-title = Home
home-headline = Ask, answer and review — and get a fair answer
home-intro = Tillit is a customer community: ask companies and other customers for help, share your experience, and see how fast each company answers.
home-companies = Companies
home-all-companies = All companies
companies-title = Companies
companies-search-label = Find a company by name
companies-none = No companies yet.
companies-no-match = No company matches "{ $query }".
company-website = Website

## Email
email-greeting = Hello { $name },
email-footer-transactional = You receive this email because of an action on your Tillit account. It cannot be unsubscribed from, as it concerns your account's security.
email-not-you = If this was not you, you can ignore this email.
email-verify-subject = Confirm your email address for Tillit
email-verify-body = Thank you for signing up. Please confirm your email address by following this link:
email-verify-action = Confirm my address
email-verify-expiry = The link works for 48 hours.
email-exists-subject = Someone tried to sign up with your address
email-exists-body = Someone — maybe you — tried to create a new Tillit account with this email address, but you already have one. If you have forgotten your password, you can choose a new one:
email-exists-action = Reset my password
email-reset-subject = Reset your Tillit password
email-reset-body = We received a request to reset the password of your Tillit account. Choose a new password here:
email-reset-action = Choose a new password
email-reset-expiry = The link works for one hour and only once.
email-changed-subject = Your Tillit password was changed
email-changed-body = The password of your Tillit account has just been changed, and every other session was logged out. If you did not do this, reset your password right away:
email-changed-action = Reset my password

## Forum, search and the desk
nav-forum = Forum
nav-desk = Desk
nav-main-label = Main
company-forum-link = Ask { $company } in the forum
category-general = General discussion
category-tips = Tips and experiences
duration-minutes = { $m } min
duration-hours = { $h } h { $m } min
duration-days = { $d } d { $h } h
desk-title = Hanging threads
desk-intro = Threads in your companies' sections that no one from the company has answered yet: problems and complaints first, then questions, then praise and suggestions; the longest waiting first.
desk-empty = Every thread has an answer. Well done!
desk-staff-only = This page is for company staff.
desk-col-kind = Type
desk-col-company = Company
desk-col-waited = Waiting
email-footer-unsubscribe = You receive this because you follow this thread. To stop these emails, open this link:
email-reply-subject = New reply: { $title }
email-reply-body = { $author } replied in “{ $title }”.
email-reply-action = Read the reply
forum-title = Forum
forum-intro = Ask a question, share an experience or help someone else. Staff of each company answer in their company's section.
forum-general = General
forum-company-sections = Company sections
forum-company-page = The company's page
forum-new-thread = Start a thread
forum-show-unanswered = Show only threads without an answer from the company
forum-show-all = Show all threads
forum-no-threads = No threads here yet.
forum-col-thread = Thread
forum-col-status = Status
forum-col-replies = Replies
forum-col-activity = Last activity
forum-withdrawn-short = withdrawn
forum-withdrawn-by-author = Withdrawn by the author.
forum-withdrawn-done = Your post has been withdrawn. It keeps its place, marked as withdrawn.
forum-field-title = Title
forum-field-kind = What is it about?
forum-field-body = Your text
forum-field-reply = Your reply
forum-kind-invalid = Choose one of the types in the list.
forum-markdown-hint = Markdown works: **bold**, *italic*, [link](https://…), lists and `code`.
forum-preview = Preview
forum-publish = Publish
forum-staff-badge = staff
forum-edited = edited
forum-edit = Edit
forum-withdraw = Withdraw
forum-quote = Quote
forum-accept = Mark as the accepted answer
forum-accepted-answer = Accepted answer
forum-accepted-in-context = See it in the thread
forum-accepted-done = The answer is marked as accepted and the thread as solved.
forum-accept-denied = Only the person who asked, or the company's staff, can accept an answer.
forum-accept-invalid = That reply cannot be the accepted answer.
forum-rate-question = Did this answer help you?
forum-rate-scale = 1 = not at all, 5 = completely.
forum-rate-submit = Rate
forum-rated = The asker rated this answer { $rating } of 5.
forum-rated-done = Thank you for rating the answer.
forum-rate-denied = Only the person who asked can rate answers, and not their own.
forum-rate-invalid = Choose a rating from 1 to 5 for an accepted or official answer.
forum-reply = Reply
forum-reply-count = { $count ->
    [0] No replies yet
    [one] One reply
   *[other] { $count } replies
}
forum-in-reply-to = In reply to { $name }
forum-first-answer-after = first answer from the company after { $time }
forum-subscribe = Follow this thread by email
forum-unsubscribe = Stop following this thread
forum-subscribed = You will get an email when someone replies.
forum-unsubscribed = You no longer follow this thread.
forum-login-to-reply = Log in to reply.
forum-verify-first = Confirm your email address before you post: see your account page.
forum-suspended = Your account is suspended from posting for now.
forum-only-author = Only the author can change or withdraw a post.
forum-post-withdrawn = This post has been withdrawn.
forum-thread-withdrawn = The author has withdrawn this thread, so it takes no new replies.
forum-edit-title = Edit your post
forum-edit-hint = Earlier versions stay visible in the post's history.
forum-history-title = Edit history
forum-history-current = Current version
forum-history-before = Version replaced on { $date }
forum-history-none = This post has not been edited.
thread-kind-question = Question
thread-kind-problem = Problem or fault
thread-kind-complaint = Complaint
thread-kind-praise = Praise
thread-kind-suggestion = Suggestion
thread-kind-discussion = Discussion
thread-status-open = open
thread-status-answered = answered by the company
thread-status-solved = solved
pii-title = Personal data in your text
pii-intro = Before anything is published: your text seems to contain personal data that everyone could read.
pii-choice = Edit the text yourself below, or let us remove the marked parts and publish the rest.
pii-remove-and-post = Remove the marked parts and publish
pii-private-later = Need to give the company an order number or an address? Don't post it publicly.
pii-removed = [removed]
pii-swedish-personal-number = a Swedish personal identity number
pii-danish-cpr = a Danish CPR number
pii-phone = a phone number
pii-email = an email address
pii-card = a payment card number
search-title = Search
search-nothing = Nothing found for “{ $query }”.
search-ask-instead = Ask the community instead
search-forum-results = In the forum
search-question-by = Question by
search-reply-by = Reply by
unsubscribe-title = Stop emails about this thread
unsubscribe-text = You get an email when someone replies in “{ $title }”.
unsubscribe-submit = Stop these emails
unsubscribe-back = Back to the thread
unsubscribe-done-title = You will get no more emails about this thread
unsubscribe-done-text = You can follow the thread again from its page at any time.
unsubscribe-gone-title = Already stopped
unsubscribe-gone-text = This link is no longer in use: you do not follow that thread any more.

## Reviews
companies-sort-name = By name
companies-sort-score = By score
companies-sort-reviews = By number of reviews
email-invite-subject = { $company } would like your review
email-invite-greeting = Hello,
email-invite-body = { $company } invites you to review your experience with them on Tillit, an independent customer community.
email-invite-action = Write your review
email-invite-honest = Please be honest: positive or negative, your review is published the same way. The link works once, for 30 days.
email-invite-footer = { $company } sent this invitation through Tillit. We do not use your address for anything else.
email-review-reply-subject = { $company } replied to your review
email-review-reply-body = { $company } has published a reply to your review on Tillit.
email-review-reply-action = Read the reply
review-score = Score
review-none-yet = No reviews yet.
review-count = { $count ->
    [one] based on one review
   *[other] based on { $count } reviews
}
review-score-method = The score is a weighted average: every company's reviews are counted together with 5 imaginary reviews of { $mean } stars, so that a few reviews cannot outweigh many; withdrawn reviews do not count.
review-how-checked = How reviews are collected and checked
review-distribution = Ratings
review-stars = { $count ->
    [one] 1 star
   *[other] { $count } stars
}
review-rating-of = { $rating } of 5 stars
review-reviews = Reviews
review-write = Write a review
review-edit-yours = Edit your review
review-login-to-write = Log in to write a review.
review-own-company = You are staff of this company, so you cannot review it.
review-sort = Sort
review-filter-stars = Stars
review-filter-label = Label
review-filter-all = All
review-filter-apply = Show
review-none-match = No reviews match.
review-experience-on = experience on { $date }
review-history-link = see earlier versions
review-withdrawn-by-author = Withdrawn by the reviewer. It no longer counts in the score.
review-reference-private = Reference (only staff and moderators see this)
review-helpful-count = { $count ->
    [0] Nobody has found this helpful yet
    [one] One person found this helpful
   *[other] { $count } people found this helpful
}
review-mark-helpful = Helpful
review-helpful-done = Thank you: marked as helpful.
review-helpful-already = You have already marked this review as helpful.
review-helpful-denied = You cannot mark this review as helpful (your own review, or a review of your company).
review-reply-from = Reply from { $company }
review-reply-write = Reply publicly as the company
review-reply-edit = Edit the company's reply
review-reply-submit = Publish the reply
review-reply-saved = The reply has been published and the reviewer notified.
review-reply-staff-only = Only the company's staff can reply to its reviews.
review-only-author = Only the reviewer can change or withdraw a review. Nobody else — not the company either — can.
review-withdrawn = This review has been withdrawn.
review-write-title = Review { $company }
review-edit-title = Edit your review
review-write-intro = Describe your own experience. Criticism is welcome; personal attacks and personal data are not.
review-field-rating = Your rating
review-field-title = Headline
review-field-date = Date of your experience
review-field-reference = Order or booking reference (optional)
review-field-reference-hint = Never shown publicly: only the company's staff and the moderators see it, so they can find your case.
review-field-body = Your review
review-rating-required = Choose from 1 to 5 stars.
review-date-future = The date cannot be in the future.
review-date-invalid = Enter a date like 2026-03-14.
review-published = Your review has been published.
review-saved = Your review has been saved; the earlier version stays in its history.
review-already = You have already reviewed this company: you can edit your review.
review-withdrawn-done = Your review has been withdrawn. It stays visible as withdrawn and no longer counts in the score.
review-label-invited = invited by the company
review-label-edited = edited
review-label-withdrawn = withdrawn
reviews-sort-newest = Newest first
reviews-sort-oldest = Oldest first
reviews-sort-highest = Highest rating
reviews-sort-lowest = Lowest rating
reviews-sort-helpful = Most helpful
review-invitations = Review invitations
review-invite-intro = Invite your customers to review you. Every link works once; reviews written through one carry the label “invited by the company”. Invite all customers, not only the happy ones.
review-invite-by-email = Send by email
review-invite-emails = Email addresses
review-invite-emails-hint = One per line, or paste a CSV column; commas and semicolons separate too. At most 500 at a time.
review-invite-send = Send invitations
review-invite-sent = The invitations are on their way.
review-invite-bad-addresses = These are not email addresses: { $list }
review-invite-none = Enter at least one email address.
review-invite-too-many = At most { $max } addresses at a time.
review-invite-link-title = A link to send yourself
review-invite-link-create = Create a single-use link
review-invite-link-label = The new link
review-invite-recent = Recent invitations
review-invite-no-recent = No invitations yet.
review-invite-created = Created
review-invite-used = used
review-invite-open = not used yet
review-invite-link-only = link
review-invite-staff-only = Only the company's staff can send its invitations.
review-invite-invalid-title = This invitation does not work
review-invite-invalid-text = The invitation link is invalid, has expired or was already used. You can still write a review without it.
review-write-anyway = Write a review
review-invite-landing-title = { $company } invites your review
review-invite-landing-text = Tell others about your experience with { $company }. Your review is published whatever its rating, labelled as invited.
review-invite-landing-login = Log in or create an account first; you will come back here.
about-reviews-title = How reviews are collected and checked
about-reviews-who-title = Who can write a review
about-reviews-who = Anyone with an account whose email address is confirmed can review a company once; they can edit or withdraw their own review later, and every earlier version is kept. Staff of a company cannot review it.
about-reviews-invited-title = Invited reviews
about-reviews-invited = Companies may invite their customers with single-use links. Reviews written through an invitation are labelled “invited by the company” and are published exactly like other reviews, whatever their rating.
about-reviews-checks-title = What we check
about-reviews-checks = We do not verify every purchase. Reviewers may give an order or booking reference, which only the company's staff and our moderators can see. Before publishing, the text is checked for personal data such as phone numbers and personal identity numbers.
about-reviews-removal-title = Companies cannot remove reviews
about-reviews-removal = A company can reply publicly to each review, once, but it cannot hide, edit or delete a review, nor change its rating. A review is never removed for being negative.
about-reviews-score-title = How the score is computed
about-reviews-score-excluded = Withdrawn reviews stay visible, labelled, but are left out of the score.
review-reply-hint = One public reply per review, shown under it with the company's name. You can edit it later; earlier versions are kept.

## Response-time badge
badge-not-measured = Typical response time: not measured yet.
badge-minutes-hour = Typically answers in about { $minutes } min (questions answered in the last hour; updated { $updated } UTC).
badge-minutes-day = Typically answers in about { $minutes } min (questions answered in the last 24 hours; updated { $updated } UTC).
badge-not-enough = Not enough questions answered in the last 24 hours to say how fast this company answers (updated { $updated } UTC).

