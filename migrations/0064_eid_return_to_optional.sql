-- An e-ID sign-in that no page asked for has no return path: it lands where the user starts
-- (identity/start-page.ts: /hop for a member of a collective body, else home), like the password
-- sign-in. NULL: no page asked; a path: the page that asked for the sign-in.
ALTER TABLE eid_auth_requests ALTER COLUMN return_to DROP NOT NULL;
