export const id = 318;
export const ids = [318];
export const modules = {

/***/ 7318:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   upsertComment: () => (/* binding */ upsertComment)
/* harmony export */ });
/* harmony import */ var _actions_github__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2413);
// One comment per pull request and job, created once and then edited in place: the hidden marker on its first line
// finds it among the pull request's comments (every page). Uses @actions/github, loaded only when comment-on-pr is
// on. Never fails the step: what went wrong comes back as a warning for the caller to write.

/** Each request's own limit: a slow API must not hold the gate. */
const REQUEST_TIMEOUT_MS = 15_000;
/** 100 comments a page: at most 5000 comments are searched for the marker. */
const MAX_PAGES = 50;
function statusOf(err) {
    const status = err?.status;
    return typeof status === 'number' ? status : undefined;
}
function describe(err, doing) {
    const status = statusOf(err);
    // GitHub's own message ("Resource not accessible by integration"), else Octokit's; the token is never in either.
    const data = err?.response?.data;
    const message = typeof data?.message === 'string' ? data.message : (err?.message ?? String(err));
    if (status === 403 || status === 404) {
        return (`comment-on-pr: GitHub answered ${status} (${message}) when ${doing}: the token cannot write pull request` +
            ' comments. Add "permissions: pull-requests: write" to the job (a pull request from a fork only gets a' +
            ' read-only token). The gate itself is not affected.');
    }
    return `comment-on-pr: ${doing} failed${status ? ` with ${status}` : ''} (${message}). The gate itself is not affected.`;
}
async function upsertComment(token, target, marker, body, env) {
    // GITHUB_API_URL: GitHub Enterprise Server, and the tests' fake on 127.0.0.1.
    const octokit = (0,_actions_github__WEBPACK_IMPORTED_MODULE_0__/* .getOctokit */ .Q)(token, { baseUrl: env.GITHUB_API_URL || 'https://api.github.com' });
    const signal = () => AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    const where = { owner: target.owner, repo: target.repo };
    let existing;
    try {
        let pages = 0;
        const iterator = octokit.paginate.iterator(octokit.rest.issues.listComments, {
            ...where,
            issue_number: target.number,
            per_page: 100,
            request: { signal: signal() }
        });
        for await (const page of iterator) {
            existing = page.data.find(c => (c.body ?? '').startsWith(marker));
            if (existing || ++pages >= MAX_PAGES)
                break;
        }
    }
    catch (err) {
        return {
            action: 'failed',
            warning: describe(err, `listing the comments of pull request #${target.number}`)
        };
    }
    try {
        if (existing) {
            const { data } = await octokit.rest.issues.updateComment({
                ...where,
                comment_id: existing.id,
                body,
                request: { signal: signal() }
            });
            return { action: 'updated', id: data.id, url: data.html_url };
        }
        const { data } = await octokit.rest.issues.createComment({
            ...where,
            issue_number: target.number,
            body,
            request: { signal: signal() }
        });
        return { action: 'created', id: data.id, url: data.html_url };
    }
    catch (err) {
        const doing = existing
            ? `updating comment ${existing.id}`
            : `commenting on pull request #${target.number}`;
        return { action: 'failed', warning: describe(err, doing) };
    }
}


/***/ })

};
