export const id = 914;
export const ids = [914];
export const modules = {

/***/ 1914:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   commentMarker: () => (/* binding */ commentMarker),
/* harmony export */   renderPrComment: () => (/* binding */ renderPrComment),
/* harmony export */   runUrlOf: () => (/* binding */ runUrlOf)
/* harmony export */ });
/* unused harmony export COMMENT_LIMIT */
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7598);
/* harmony import */ var node_crypto__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_crypto__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _escape_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4031);
/* harmony import */ var _finding_rules_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(1069);
// The pull-request comment (README, "Comment on the pull request"): the verdict and one row per finding, rendered
// from the findings model only. Sids, file names, aliases and AWS messages are untrusted: HTML-escaped on one line
// (summaryText), and an @ can never mention anyone.



const MARKER_PREFIX = '<!-- ec2-start-guard:pr-comment';
/** GitHub refuses a comment body over 65536 characters; rows beyond this are counted, not shown. */
const COMMENT_LIMIT = 65_536;
const MAX_ROWS = 50;
const LEVEL_ICON = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
/**
 * The hidden first line that finds this job's comment again: one comment per workflow and job, so two gates of a
 * repository (an offline gate, a live check) keep their own. Hashed, so no name can close the HTML comment.
 */
function commentMarker(env) {
    const id = (0,node_crypto__WEBPACK_IMPORTED_MODULE_0__.createHash)('sha256')
        .update(`${env.GITHUB_WORKFLOW ?? ''}\u0000${env.GITHUB_JOB ?? ''}`)
        .digest('hex')
        .slice(0, 16);
    return `${MARKER_PREFIX}:${id} -->`;
}
/** Text from AWS or the repository, safe in the comment: escaped, one line, and no @mention or #reference. */
function text(value) {
    // A word joiner after @ and # keeps GitHub from turning "@org/team" into a mention or "#1" into a link.
    return (0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryText */ .g)(value).replace(/[@#]/g, c => `${c}\u2060`);
}
function renderPrComment(run, marker, runUrl) {
    const head = [marker, '### ec2-start-guard', '', `**${run.icon} ${text(run.headline)}**`, ''];
    const rows = run.findings.slice(0, MAX_ROWS).map(f => {
        const rule = (0,_finding_rules_js__WEBPACK_IMPORTED_MODULE_2__/* .findingRule */ .c)(f.code);
        const where = f.file
            ? `<code>${text(f.file)}${f.line ? `:${f.line}` : ''}</code>`
            : f.subject
                ? text(f.subject)
                : '';
        const detail = [f.subject && f.file ? `${f.subject}:` : '', f.cause, ...f.advice]
            .filter(Boolean)
            .join(' ');
        return `<tr><td>${LEVEL_ICON[f.level]}</td><td><a href="${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryText */ .g)(rule.helpUri)}"><code>${text(f.code)}</code></a></td><td>${where}</td><td><strong>${text(f.title)}</strong> — ${text(detail)}</td></tr>`;
    });
    const body = run.findings.length === 0
        ? ['No findings: nothing in this run needs attention.']
        : [
            '<table>',
            '<tr><th></th><th>Code</th><th>Where</th><th>Finding</th></tr>',
            ...rows,
            '</table>',
            ...(run.findings.length > rows.length
                ? ['', `${run.findings.length - rows.length} more finding(s) in the job summary.`]
                : [])
        ];
    const foot = ['', runUrl ? `<sub>Updated by <a href="${(0,_escape_js__WEBPACK_IMPORTED_MODULE_1__/* .summaryText */ .g)(runUrl)}">this run</a>.</sub>` : ''];
    let comment = [...head, ...body, ...foot].join('\n').trimEnd() + '\n';
    if (comment.length > COMMENT_LIMIT) {
        const cut = comment.slice(0, COMMENT_LIMIT - 200);
        comment = `${cut.slice(0, cut.lastIndexOf('\n'))}\n</table>\n\nComment cut at GitHub's size limit: the job summary has every finding.\n`;
    }
    return comment;
}
/** The run's page, from the runner's environment, when it is known. */
function runUrlOf(env) {
    const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = env;
    if (!server || !repo || !id || !/^\d+$/.test(id) || !/^https?:\/\//.test(server))
        return undefined;
    return `${server}/${repo}/actions/runs/${id}`;
}


/***/ })

};
