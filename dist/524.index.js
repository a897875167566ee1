export const id = 524;
export const ids = [524];
export const modules = {

/***/ 2524:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   pullRequestOf: () => (/* binding */ pullRequestOf)
/* harmony export */ });
/* unused harmony export PULL_REQUEST_EVENTS */
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1455);
/* harmony import */ var node_fs_promises__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs_promises__WEBPACK_IMPORTED_MODULE_0__);
// Which pull request this run is for, from the runner's environment: the event name, and the event payload that
// GITHUB_EVENT_PATH points to. Only pull_request and pull_request_target events have one.

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_target'];
async function pullRequestOf(env) {
    const event = env.GITHUB_EVENT_NAME ?? '';
    if (!PULL_REQUEST_EVENTS.includes(event)) {
        return {
            skipped: `the event is ${event ? `"${event}"` : 'not known'}, not pull_request or pull_request_target`
        };
    }
    const repository = /^([\w.-]+)\/([\w.-]+)$/.exec(env.GITHUB_REPOSITORY ?? '');
    if (!repository)
        return { skipped: 'GITHUB_REPOSITORY is not set to owner/repo' };
    if (!env.GITHUB_EVENT_PATH)
        return { skipped: 'GITHUB_EVENT_PATH is not set' };
    let payload;
    try {
        payload = JSON.parse(await (0,node_fs_promises__WEBPACK_IMPORTED_MODULE_0__.readFile)(env.GITHUB_EVENT_PATH, 'utf8'));
    }
    catch (err) {
        return { skipped: `the event payload could not be read (${err.message})` };
    }
    const number = payload?.pull_request?.number ?? payload?.number;
    if (typeof number !== 'number' || !Number.isSafeInteger(number) || number <= 0) {
        return { skipped: 'the event payload has no pull request number' };
    }
    return { target: { owner: repository[1], repo: repository[2], number } };
}


/***/ })

};
