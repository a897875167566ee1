export const id = 963;
export const ids = [963];
export const modules = {

/***/ 8362:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  hP: () => (/* binding */ createClients),
  Z8: () => (/* binding */ withAbortSignal)
});

// UNUSED EXPORTS: REQUEST_TIMEOUTS, USER_AGENT

// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
;// CONCATENATED MODULE: ./src/aws/retry.ts
const THROTTLING_ATTEMPTS = 10;
const OTHER_ATTEMPTS = 3;
const THROTTLING_BASE_MS = 500;
const BASE_MS = 100;
const MAX_DELAY_MS = 20_000;
function token(retryCount, delayMs) {
    return { getRetryCount: () => retryCount, getRetryDelay: () => delayMs };
}
class ActionRetryStrategy {
    random;
    now;
    constructor(random = Math.random, now = Date.now) {
        this.random = random;
        this.now = now;
    }
    async acquireInitialRetryToken() {
        return token(0, 0);
    }
    async refreshRetryTokenForRetry(previous, info) {
        const throttled = info.errorType === 'THROTTLING';
        const limit = throttled ? THROTTLING_ATTEMPTS : OTHER_ATTEMPTS;
        const attemptsSoFar = previous.getRetryCount() + 1;
        // The SDK rethrows the original error when no token is given.
        if (info.errorType === 'CLIENT_ERROR' || attemptsSoFar >= limit)
            throw new Error('no retry');
        const cap = Math.min(MAX_DELAY_MS, (throttled ? THROTTLING_BASE_MS : BASE_MS) * 2 ** previous.getRetryCount());
        let delay = this.random() * cap; // full jitter, as the SDK's standard strategy
        const hint = info.retryAfterHint?.getTime();
        if (hint !== undefined)
            delay = Math.max(delay, Math.min(hint - this.now(), cap + 5_000));
        return token(attemptsSoFar, delay);
    }
    recordSuccess() { }
}

;// CONCATENATED MODULE: ./src/aws/clients.ts


const USER_AGENT = `ec2-start-guard/${version/* ACTION_VERSION */.Y}`;
// Without these the SDK waits forever for an endpoint that accepted the connection and went silent. An EC2 or KMS
// call answers in well under a second; 15 s per attempt (3 attempts for a timeout, see retry.ts) bounds one call
// to about 46 s. throwOnRequestTimeout makes the request timeout an error: by default the SDK only logs a warning.
const REQUEST_TIMEOUTS = {
    connectionTimeout: 5_000,
    requestTimeout: 15_000,
    throwOnRequestTimeout: true
};
/** Whether HTTPS_PROXY, HTTP_PROXY or ALL_PROXY (either case) is set; the proxy code loads only then. */
function proxyRequested(env) {
    return ['https_proxy', 'http_proxy', 'all_proxy'].some(n => env[n] || env[n.toUpperCase()]);
}
async function common(config) {
    const agents = proxyRequested(process.env) ? (await __webpack_require__.e(/* import() */ 727).then(__webpack_require__.bind(__webpack_require__, 727))).proxyAgents() : undefined;
    // Endpoint resolution is never overridden: AWS_ENDPOINT_URL(_EC2/_KMS/_STS/_IAM) keep working.
    return {
        region: config.region,
        credentials: config.credentials,
        // One strategy per client: 10 attempts for throttling, 3 for other retryable errors (see retry.ts).
        retryStrategy: new ActionRetryStrategy(),
        customUserAgent: USER_AGENT,
        // Options of the SDK's own Node.js handler, not a handler of ours: endpoint resolution stays the SDK's.
        requestHandler: { ...REQUEST_TIMEOUTS, ...agents }
    };
}
function once(name, built, make) {
    let value;
    return () => {
        if (!value) {
            built.push(name);
            value = make();
        }
        return value;
    };
}
function createClients(config) {
    const built = [];
    return {
        ec2: once('ec2', built, async () => new (await __webpack_require__.e(/* import() */ 994).then(__webpack_require__.bind(__webpack_require__, 4994))).EC2Client(await common(config))),
        kms: once('kms', built, async () => new (await __webpack_require__.e(/* import() */ 481).then(__webpack_require__.bind(__webpack_require__, 9481))).KMSClient(await common(config))),
        sts: once('sts', built, async () => new (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 9920))).STSClient(await common(config))),
        iam: once('iam', built, async () => new (await __webpack_require__.e(/* import() */ 845).then(__webpack_require__.bind(__webpack_require__, 9845))).IAMClient(await common(config))),
        loaded: () => [...built]
    };
}
/**
 * The same client, with every request it sends cancelled when `signal` aborts (the SDK's own abortSignal option):
 * a deadline for a whole phase, on top of each request's timeout. An aborted request is not retried.
 */
function withAbortSignal(client, signal) {
    return new Proxy(client, {
        get(target, property, receiver) {
            if (property !== 'send')
                return Reflect.get(target, property, receiver);
            return (command, options) => target.send(command, { ...options, abortSignal: signal });
        }
    });
}


/***/ }),

/***/ 6963:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   C6: () => (/* binding */ maskEnvironmentCredentials),
/* harmony export */   J: () => (/* binding */ postStepCredentials),
/* harmony export */   actionCredentials: () => (/* binding */ actionCredentials)
/* harmony export */ });
/* unused harmony exports CredentialsError, assumeRoleWithOidc, REFRESH_BEFORE_MS, refreshingCredentials, oidcCredentials */
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6288);
/* harmony import */ var _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9920);
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(7194);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(9378);
/* harmony import */ var _clients_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8362);
// Credentials: GitHub OIDC -> STS AssumeRoleWithWebIdentity when role-to-assume is set, else the SDK's
// default chain (so runs after aws-actions/configure-aws-credentials keep working). Every secret is masked
// before anything could print it.





class CredentialsError extends Error {
    constructor(message) {
        super(message);
        this.name = 'CredentialsError';
    }
}
// STS answers these when GitHub's OIDC provider was briefly unreachable from AWS.
const TRANSIENT = new Set(['IDPCommunicationError', 'IDPCommunicationErrorException']);
const ATTEMPTS = 3;
/** Masks a secret in the runner's log and registers it, so messages are redacted before they are ever cut. */
function maskSecret(value) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setSecret */ .Pq(value);
    (0,_secrets_js__WEBPACK_IMPORTED_MODULE_2__/* .registerSecret */ .cl)(value);
}
/** Masks the credentials the runner's environment already holds, in case an earlier step did not. */
function maskEnvironmentCredentials(env) {
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN']) {
        const value = env[name];
        if (value)
            maskSecret(value);
    }
}
function subjectHint(env) {
    const repo = env.GITHUB_REPOSITORY || 'OWNER/REPO';
    const ref = env.GITHUB_REF || 'refs/heads/BRANCH';
    return `repo:${repo}:ref:${ref}`;
}
function explainStsError(err, request, env) {
    const name = (0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorName */ .Is)(err);
    const base = new _errors_js__WEBPACK_IMPORTED_MODULE_3__/* .AwsCallError */ .iQ('AssumeRoleWithWebIdentity', request.roleArn, 'sts:AssumeRoleWithWebIdentity', err).message;
    switch (name) {
        case 'AccessDenied':
            return `${base}. Check the role's trust policy: it must allow sts:AssumeRoleWithWebIdentity for the federated principal token.actions.githubusercontent.com with "token.actions.githubusercontent.com:aud" = "${request.audience}" and a "token.actions.githubusercontent.com:sub" that matches this run, e.g. "${subjectHint(env)}" (format repo:OWNER/REPO:ref:refs/heads/BRANCH, or repo:OWNER/REPO:environment:NAME for jobs with an environment). See docs/iam/trust-policy.json.`;
        case 'InvalidIdentityToken':
        case 'InvalidIdentityTokenException': // the SDK's name for the wire code InvalidIdentityToken
            return `${base}. STS rejected the GitHub OIDC token: the account needs an IAM OIDC identity provider for https://token.actions.githubusercontent.com whose audience (client ID) list includes "${request.audience}".`;
        case 'ExpiredTokenException':
        case 'ExpiredToken':
            return `${base}. The GitHub OIDC token expired before STS checked it; re-run the job.`;
        default:
            return base;
    }
}
async function getToken(audience, env) {
    if (!env.ACTIONS_ID_TOKEN_REQUEST_URL || !env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
        throw new CredentialsError(`role-to-assume is set, but this job cannot request a GitHub OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL/ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set). Add "permissions: id-token: write" to the job or workflow. (Pull requests from forks never get one.)`);
    }
    try {
        return await _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getIDToken */ .V9(audience);
    }
    catch (err) {
        throw new CredentialsError(`Could not get the GitHub OIDC token for audience "${audience}": ${err.message}`);
    }
}
/** OIDC: a GitHub ID token exchanged for role credentials, all three parts masked at once. */
async function assumeRoleWithOidc(sts, request, env = process.env, 
/** A token already fetched for this audience (several roles, one token); else one is fetched now. */
fetched) {
    const token = await (fetched ?? getToken(request.audience, env));
    maskSecret(token);
    for (let attempt = 1;; attempt++) {
        try {
            const out = await sts.send(new _aws_sdk_client_sts__WEBPACK_IMPORTED_MODULE_1__.AssumeRoleWithWebIdentityCommand({
                RoleArn: request.roleArn,
                RoleSessionName: request.sessionName,
                WebIdentityToken: token,
                DurationSeconds: 3600
            }));
            const c = out.Credentials;
            if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken) {
                throw new CredentialsError(`AssumeRoleWithWebIdentity for ${request.roleArn} returned no credentials.`);
            }
            maskSecret(c.AccessKeyId);
            maskSecret(c.SecretAccessKey);
            maskSecret(c.SessionToken);
            return {
                accessKeyId: c.AccessKeyId,
                secretAccessKey: c.SecretAccessKey,
                sessionToken: c.SessionToken,
                expiration: c.Expiration
            };
        }
        catch (err) {
            if (err instanceof CredentialsError)
                throw err;
            if (TRANSIENT.has((0,_errors_js__WEBPACK_IMPORTED_MODULE_3__/* .errorName */ .Is)(err)) && attempt < ATTEMPTS) {
                await new Promise(resolve => setTimeout(resolve, 500 * attempt));
                continue;
            }
            throw new CredentialsError(explainStsError(err, request, env));
        }
    }
}
// Role credentials last an hour, and timeout-seconds allows six. The SDK asks its provider again as expiry nears;
// this provider then assumes the role anew, with a fresh GitHub token, so a long wait never dies of ExpiredToken.
const REFRESH_BEFORE_MS = 5 * 60_000;
function refreshingCredentials(initial, renew, now = Date.now) {
    let current = initial;
    let renewal;
    return async () => {
        const expires = current.expiration?.getTime();
        if (expires === undefined || expires - now() > REFRESH_BEFORE_MS)
            return current;
        renewal ??= renew()
            .then(fresh => (current = fresh))
            .finally(() => (renewal = undefined));
        return renewal;
    };
}
/** OIDC credentials for every client of a run: assumed now (so errors surface up front), renewed when due. */
async function oidcCredentials(sts, request, env = process.env, token) {
    // A renewal fetches a fresh token: the first one may have expired by then.
    const first = await assumeRoleWithOidc(sts, request, env, token);
    return refreshingCredentials(first, () => assumeRoleWithOidc(sts, request, env));
}
/**
 * The action's credentials, per role: the environment's own masked, then for each role of role-to-assume the OIDC
 * exchange, with one GitHub token per audience for all of them (fetched on first use); without a role, undefined
 * (the SDK's default chain, e.g. after aws-actions/configure-aws-credentials).
 */
function actionCredentials(inputs, env, info) {
    maskEnvironmentCredentials(env);
    const tokens = new Map();
    // One exchange per role, shared by every region of its account.
    const byRole = new Map();
    return async (roleArn) => {
        if (!roleArn)
            return undefined;
        const known = byRole.get(roleArn);
        if (known)
            return known;
        const exchanged = exchange(roleArn);
        byRole.set(roleArn, exchanged);
        return exchanged;
    };
    async function exchange(roleArn) {
        let token = tokens.get(inputs.audience);
        if (!token) {
            token = getToken(inputs.audience, env);
            // A failed fetch is reported by each exchange that awaits it; keep it from being an unhandled rejection.
            token.catch(() => undefined);
            tokens.set(inputs.audience, token);
        }
        // STS is global, but its regional endpoint in the run's region keeps the exchange inside the partition.
        const sts = await (0,_clients_js__WEBPACK_IMPORTED_MODULE_4__/* .createClients */ .hP)({ region: inputs.region }).sts();
        const credentials = await oidcCredentials(sts, { roleArn, sessionName: inputs.roleSessionName, audience: inputs.audience }, env, token);
        info(`Assumed ${roleArn} with the GitHub OIDC token`);
        return credentials;
    }
}
/** The post step's credentials: one GitHub token per audience and one exchange per role, however many regions. */
function postStepCredentials(request, env, sts) {
    let token;
    const byRole = new Map();
    return roleArn => {
        const known = byRole.get(roleArn);
        if (known)
            return known;
        if (!token) {
            token = getToken(request.audience, env);
            token.catch(() => undefined);
        }
        const fetched = token;
        const credentials = sts().then(client => assumeRoleWithOidc(client, { roleArn, ...request }, env, fetched));
        byRole.set(roleArn, credentials);
        return credentials;
    };
}


/***/ }),

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Is: () => (/* binding */ errorName),
/* harmony export */   U2: () => (/* binding */ listResources),
/* harmony export */   fe: () => (/* binding */ classifyError),
/* harmony export */   iQ: () => (/* binding */ AwsCallError),
/* harmony export */   uF: () => (/* binding */ awsCall)
/* harmony export */ });
/* unused harmony export errorMessage */
/* harmony import */ var _secrets_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(7194);
// Turns SDK errors into messages that say which call failed, for which resource, and what to do.

const KINDS = {
    RequestLimitExceeded: 'throttling',
    ThrottlingException: 'throttling',
    Throttling: 'throttling',
    TooManyRequestsException: 'throttling',
    UnauthorizedOperation: 'access-denied',
    AccessDenied: 'access-denied',
    AccessDeniedException: 'access-denied',
    'InvalidInstanceID.NotFound': 'not-found',
    'InvalidVolume.NotFound': 'not-found',
    NotFoundException: 'not-found',
    NoSuchEntity: 'not-found',
    AuthFailure: 'credentials',
    InvalidClientTokenId: 'credentials',
    UnrecognizedClientException: 'credentials',
    SignatureDoesNotMatch: 'credentials',
    ExpiredToken: 'credentials',
    ExpiredTokenException: 'credentials',
    CredentialsProviderError: 'credentials',
    IncorrectInstanceState: 'invalid-state',
    KMSInvalidStateException: 'invalid-state',
    DisabledException: 'invalid-state',
    InsufficientInstanceCapacity: 'capacity',
    InstanceLimitExceeded: 'capacity',
    'InvalidInstanceID.Malformed': 'invalid-request',
    InvalidParameterValue: 'invalid-request',
    UnsupportedOperation: 'invalid-request',
    MalformedPolicyDocumentException: 'invalid-request',
    LimitExceededException: 'invalid-request',
    DependencyTimeoutException: 'transient',
    KMSInternalException: 'transient',
    InternalError: 'transient',
    ServiceUnavailable: 'transient'
};
function errorName(err) {
    if (err && typeof err === 'object') {
        const e = err;
        const name = typeof e.name === 'string' ? e.name : typeof e.Code === 'string' ? e.Code : undefined;
        if (name && name !== 'Error')
            return name.replace(/^.*#/, '');
        if (typeof e.code === 'string')
            return e.code;
    }
    return 'Error';
}
function errorMessage(err) {
    if (err instanceof Error)
        return err.message;
    return String(err);
}
function classifyError(err) {
    const name = errorName(err);
    if (KINDS[name])
        return KINDS[name];
    const status = err?.$metadata?.httpStatusCode;
    if (status !== undefined && status >= 500)
        return 'transient';
    return 'unknown';
}
/** An AWS call that failed, described for a human who has to fix it. */
class AwsCallError extends Error {
    operation;
    resource;
    permission;
    cause;
    kind;
    code;
    constructor(operation, resource, permission, cause) {
        const code = errorName(cause);
        const kind = classifyError(cause);
        super(describe(operation, resource, permission, code, kind, errorMessage(cause)));
        this.operation = operation;
        this.resource = resource;
        this.permission = permission;
        this.cause = cause;
        this.name = 'AwsCallError';
        this.kind = kind;
        this.code = code;
    }
}
function describe(operation, resource, permission, code, kind, message) {
    const head = `${operation} failed for ${resource}: ${code}`;
    const detail = message && message !== code ? ` (${oneLine(message)})` : '';
    switch (kind) {
        case 'access-denied':
            return `${head}${detail}; the role needs ${permission}`;
        case 'credentials':
            return `${head}${detail}; the AWS credentials are missing, invalid or expired: use role-to-assume, or run aws-actions/configure-aws-credentials first`;
        case 'throttling':
            return `${head}${detail}; AWS kept throttling after every retry: run fewer jobs at once against this account and region`;
        default:
            return `${head}${detail}`;
    }
}
/** An AWS message on one line, at most 300 characters; secrets are redacted before the cut, which could split one. */
function oneLine(text) {
    return (0,_secrets_js__WEBPACK_IMPORTED_MODULE_0__/* .cutRedacted */ .xX)(text.replace(/\s+/g, ' ').trim(), 300);
}
/** Runs one AWS call and rethrows its failure as an AwsCallError naming operation, resource and permission. */
async function awsCall(operation, resource, permission, call) {
    try {
        return await call();
    }
    catch (err) {
        if (err instanceof AwsCallError)
            throw err;
        throw new AwsCallError(operation, resource, permission, err);
    }
}
/** "i-1, i-2, i-3 and 7 more": resource lists stay readable in one line. */
function listResources(ids, shown = 3) {
    if (ids.length <= shown)
        return ids.join(', ');
    return `${ids.slice(0, shown).join(', ')} and ${ids.length - shown} more`;
}


/***/ }),

/***/ 311:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   Y: () => (/* binding */ ACTION_VERSION)
/* harmony export */ });
// Kept in step with package.json by a unit test.
const ACTION_VERSION = '1.0.0';


/***/ })

};
