export const id = 411;
export const ids = [411,963];
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

/***/ 6829:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   I0: () => (/* binding */ TargetError),
/* harmony export */   _w: () => (/* binding */ describeInstancesById),
/* harmony export */   a7: () => (/* binding */ unstartable),
/* harmony export */   h5: () => (/* binding */ resolveTargets),
/* harmony export */   iv: () => (/* binding */ chunk)
/* harmony export */ });
/* unused harmony exports DESCRIBE_ID_BATCH, toSnapshot, filterLabel, describeInstancesByFilters */
/* harmony import */ var _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4994);
/* harmony import */ var _inputs_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5835);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9378);
// Finds the target instances and reads their state: IDs in batches, filters paginated.



// EC2 documents no cap on InstanceId.N; 1000 matches the largest page DescribeInstances returns, so a
// poll costs ceil(N/1000) calls however the fleet was found.
const DESCRIBE_ID_BATCH = 1000;
const FILTER_PAGE_SIZE = 1000;
// Filters find fleets by tag; an instance terminated within the last hour still matches them, and
// failing the step for it would punish the user for AWS's lingering records.
const LIVE_STATES = {
    Name: 'instance-state-name',
    Values: ['pending', 'running', 'stopping', 'stopped']
};
function toSnapshot(instance) {
    const name = instance.Tags?.find(t => t.Key === 'Name')?.Value;
    return {
        instanceId: instance.InstanceId ?? '',
        name,
        state: instance.State?.Name ?? 'unknown',
        stateReason: instance.StateReason && (instance.StateReason.Code || instance.StateReason.Message)
            ? { code: instance.StateReason.Code, message: instance.StateReason.Message }
            : undefined,
        transitionReason: instance.StateTransitionReason || undefined,
        privateIp: instance.PrivateIpAddress,
        publicIp: instance.PublicIpAddress,
        volumeIds: (instance.BlockDeviceMappings ?? []).flatMap(m => (m.Ebs?.VolumeId ? [m.Ebs.VolumeId] : [])),
        rootDeviceType: instance.RootDeviceType,
        launchTime: instance.LaunchTime?.getTime()
    };
}
function chunk(items, size) {
    const out = [];
    for (let i = 0; i < items.length; i += size)
        out.push(items.slice(i, i + size));
    return out;
}
/** One DescribeInstances per 1000 IDs; the result is keyed by instance ID. */
async function describeInstancesById(ec2, ids) {
    const found = new Map();
    for (const batch of chunk(ids, DESCRIBE_ID_BATCH)) {
        const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)('DescribeInstances', (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .listResources */ .U2)(batch), 'ec2:DescribeInstances', () => ec2.send(new _aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__.DescribeInstancesCommand({ InstanceIds: batch })));
        for (const reservation of out.Reservations ?? []) {
            for (const instance of reservation.Instances ?? []) {
                const snapshot = toSnapshot(instance);
                found.set(snapshot.instanceId, snapshot);
            }
        }
    }
    return found;
}
function filterLabel(filters) {
    return filters.map(f => f.source).join(' AND ');
}
/** All instances matching every filter (EC2 ANDs filters and ORs the values within one). */
async function describeInstancesByFilters(ec2, filters) {
    const ec2Filters = filters.map(f => ({ Name: f.name, Values: f.values }));
    if (!filters.some(f => f.name === 'instance-state-name'))
        ec2Filters.push(LIVE_STATES);
    const found = [];
    await (0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .awsCall */ .uF)('DescribeInstances', `filters ${filterLabel(filters)}`, 'ec2:DescribeInstances', async () => {
        const pages = (0,_aws_sdk_client_ec2__WEBPACK_IMPORTED_MODULE_0__.paginateDescribeInstances)({ client: ec2, pageSize: FILTER_PAGE_SIZE }, { Filters: ec2Filters });
        for await (const page of pages) {
            for (const reservation of page.Reservations ?? []) {
                for (const instance of reservation.Instances ?? [])
                    found.push(toSnapshot(instance));
            }
        }
    });
    return found;
}
class TargetError extends Error {
    constructor(message) {
        super(message);
        this.name = 'TargetError';
    }
}
/**
 * The union of the named instances and the matches of every tag group, in a stable order (IDs first, then each
 * group's new matches in turn). One DescribeInstances (paginated) per group: EC2 ANDs the filters of one call, so
 * the OR between groups is the union of their calls. A group that matches nothing fails the step, naming the group:
 * in a union it would otherwise vanish without a trace (a typo in one tag, one half of an environment missing).
 */
async function resolveTargets(ec2, ids, groups) {
    const byId = ids.length > 0 ? await describeInstancesById(ec2, ids) : new Map();
    const missing = ids.filter(id => !byId.has(id));
    if (missing.length > 0) {
        // EC2 silently omits instances of other accounts instead of answering NotFound.
        throw new TargetError(`instance-ids: ${(0,_errors_js__WEBPACK_IMPORTED_MODULE_2__/* .listResources */ .U2)(missing, 10)} ${missing.length === 1 ? 'does' : 'do'} not exist in this region or ${missing.length === 1 ? 'is' : 'are'} not visible to this account.`);
    }
    const targets = ids.map(id => byId.get(id));
    const empty = [];
    for (const [i, group] of groups.entries()) {
        const matches = await describeInstancesByFilters(ec2, group);
        if (matches.length === 0) {
            empty.push(groups.length > 1 ? `group ${i + 1} (${filterLabel(group)})` : filterLabel(group));
        }
        for (const match of matches)
            if (!byId.has(match.instanceId)) {
                byId.set(match.instanceId, match);
                targets.push(match);
            }
    }
    if (empty.length > 0) {
        throw new TargetError(`filters: no instance matches ${empty.join(', nor ')} (terminated instances are not counted)${groups.length > 1 ? `; the filters were ${(0,_inputs_js__WEBPACK_IMPORTED_MODULE_1__/* .describeFilterGroups */ .U4)(groups)}` : ''}.`);
    }
    return targets;
}
/** StartInstances is all-or-nothing: one terminated member fails the whole call, so refuse up front. */
function unstartable(targets) {
    return targets.filter(t => t.state === 'terminated' || t.state === 'shutting-down');
}


/***/ }),

/***/ 4792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: ./.build/sdk/node_modules/@aws-sdk/client-ec2/index.js
var client_ec2 = __webpack_require__(4994);
// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var src_inputs = __webpack_require__(5835);
// EXTERNAL MODULE: ./src/aws/clients.ts + 1 modules
var clients = __webpack_require__(8362);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var credentials = __webpack_require__(6963);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
// EXTERNAL MODULE: ./src/report/publish.ts + 2 modules
var publish = __webpack_require__(4299);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(4031);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(3303);
;// CONCATENATED MODULE: ./src/report/stop-summary.ts
// The post step's result (stop-on-post) as data, and its job summary: the same escaping as the main summary.


function stopVerdict(result) {
    return result.failures.length === 0
        ? { failed: false, text: `✅ Stopped the ${result.requested} instance(s) this job started.` }
        : {
            failed: true,
            text: `❌ Some instances this job started are STILL RUNNING (and cost money): stop them by hand.`
        };
}
function renderStopSummary(result) {
    const rows = result.rows.map(r => {
        const url = (0,links/* instanceConsoleUrl */.Se)(r.instanceId, result.region);
        const id = `<code>${(0,report_escape/* summaryText */.g)(r.instanceId)}</code>`;
        const state = r.current === undefined ? '❌ not stopped' : `${(0,report_escape/* summaryText */.g)(r.previous ?? '')} → ${(0,report_escape/* summaryText */.g)(r.current)}`;
        return `<tr><td>${url ? `<a href="${(0,report_escape/* summaryText */.g)(url)}">${id}</a>` : id}</td><td>${state}</td></tr>`;
    });
    const failures = result.failures.length
        ? `<ul>\n${result.failures.map(f => `<li>❌ ${(0,report_escape/* summaryText */.g)(f)}</li>`).join('\n')}\n</ul>\n`
        : '';
    return `<h3>ec2-start-guard: stop-on-post</h3>\n<p><strong>${(0,report_escape/* summaryText */.g)(stopVerdict(result).text)}</strong></p>\n${failures}<table>\n<tr><th>Instance</th><th>State</th></tr>\n${rows.join('\n')}\n</table>\n`;
}

// EXTERNAL MODULE: ./src/state.ts
var state = __webpack_require__(2462);
// EXTERNAL MODULE: ./src/report/untrusted.ts
var untrusted = __webpack_require__(480);
;// CONCATENATED MODULE: ./src/post.ts
// The post step: with stop-on-post, stop exactly the instances this job's main step started: those its
// StartInstances answers confirmed, and those of a call still in flight when the step died that launched since the
// step began (LaunchTime says so) — never one that was already running.











// StopInstances' resource bucket refills at 20 instances/s; 250 a call keeps large fleets to a few calls.
const STOP_BATCH_SIZE = 250;
function idsFromState(name) {
    const raw = core/* getState */.Gu(name);
    if (!raw)
        return [];
    try {
        const ids = JSON.parse(raw);
        return Array.isArray(ids)
            ? ids.filter((id) => typeof id === 'string' && /^i-[0-9a-f]+$/.test(id))
            : [];
    }
    catch {
        return [];
    }
}
/**
 * Of the instances a StartInstances was in flight for when the main step ended (a cancelled job), those that are
 * pending or running and launched at or after the step began. LaunchTime has whole seconds, so the step's start is
 * rounded down to its second. An instance someone else started before the step began keeps running.
 */
async function launchedSinceStepBegan(ec2, ids) {
    const began = Number(core/* getState */.Gu(state/* STATE */.c.stepBeganAt));
    if (!Number.isFinite(began) || began <= 0) {
        core/* warning */.$e(`stop-on-post: ${(0,errors/* listResources */.U2)(ids)} were being started when the main step ended, but its start time is unknown, so they are not stopped: check them by hand.`);
        return [];
    }
    const since = Math.floor(began / 1000) * 1000;
    const seen = await (0,instances/* describeInstancesById */._w)(ec2, ids);
    const ours = [];
    for (const id of ids) {
        const s = seen.get(id);
        const launchedSince = s?.launchTime !== undefined && s.launchTime >= since;
        if (s && (s.state === 'pending' || s.state === 'running') && launchedSince)
            ours.push(id);
        else
            core/* info */.pq(`stop-on-post: ${id} was being started when the main step ended; not stopped: it is ${s?.state ?? 'not found'}${s?.launchTime !== undefined && !launchedSince ? `, launched at ${new Date(s.launchTime).toISOString()}, before this step began` : ''}.`);
    }
    return ours;
}
const STILL_RUNNING = stopVerdict({ region: '', rows: [], failures: ['x'], requested: 0 }).text;
/** The pairs saved by a run over several (account, region) pairs (fleet.ts), each with its own instances. */
function pairsFromState() {
    const raw = core/* getState */.Gu(state/* STATE */.c.pairs);
    if (!raw)
        return undefined;
    try {
        const pairs = JSON.parse(raw);
        if (!Array.isArray(pairs))
            return [];
        const ids = (v) => Array.isArray(v)
            ? v.filter((id) => typeof id === 'string' && /^i-[0-9a-f]+$/.test(id))
            : [];
        return pairs.flatMap(p => {
            const pair = p;
            if (typeof pair.region !== 'string' || !/^[a-z0-9-]+$/.test(pair.region))
                return [];
            const confirmed = ids(pair.started);
            return [
                {
                    region: pair.region,
                    roleArn: typeof pair.roleArn === 'string' ? pair.roleArn : undefined,
                    confirmed,
                    starting: ids(pair.starting).filter(id => !confirmed.includes(id))
                }
            ];
        });
    }
    catch {
        return [];
    }
}
/** Stops, in one region as one principal, exactly what this step started there. */
async function stopIn(target, credentialsFor, env, label) {
    const { region, roleArn } = target;
    const credentials = roleArn ? await credentialsFor(roleArn) : undefined;
    const ec2 = await (0,clients/* createClients */.hP)({ region, credentials }).ec2();
    const ids = [
        ...target.confirmed,
        ...(target.starting.length > 0 ? await launchedSinceStepBegan(ec2, target.starting) : [])
    ];
    if (ids.length === 0) {
        core/* info */.pq(`stop-on-post${label}: no instance was started by this step, so there is nothing to stop.`);
        return undefined;
    }
    const rows = [];
    const failures = [];
    for (const batch of (0,instances/* chunk */.iv)(ids, STOP_BATCH_SIZE)) {
        try {
            const out = await (0,errors/* awsCall */.uF)('StopInstances', (0,errors/* listResources */.U2)(batch), 'ec2:StopInstances', () => ec2.send(new client_ec2.StopInstancesCommand({ InstanceIds: batch })));
            for (const s of out.StoppingInstances ?? []) {
                rows.push({
                    instanceId: s.InstanceId ?? '',
                    previous: s.PreviousState?.Name ?? '',
                    current: s.CurrentState?.Name ?? ''
                });
                core/* info */.pq((0,untrusted/* neutralise */.$)(`Stopping${label} ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`));
            }
        }
        catch (err) {
            failures.push(`${label ? `${label.trim()}: ` : ''}${err.message}`);
            for (const id of batch)
                rows.push({ instanceId: id });
        }
    }
    const result = { region, rows, failures, requested: ids.length };
    const verdict = stopVerdict(result);
    // The instances are stopped (or not) whatever happens to the summary: writeSummary never throws.
    await (0,publish/* writeSummary */.Sy)(renderStopSummary(result), env);
    for (const failure of failures)
        (0,publish/* writeAnnotation */.T9)({ level: 'error', title: 'Instances left running after the job', message: failure });
    if (!verdict.failed)
        core/* info */.pq((0,untrusted/* neutralise */.$)(`${label ? `${label.trim()}: ` : ''}${verdict.text}`));
    return { failed: verdict.failed };
}
async function runPost(env = process.env) {
    try {
        // Nothing started means nothing to stop, whatever made the main step fail (bad input included).
        const pairs = pairsFromState();
        const confirmed = idsFromState(state/* STATE */.c.startedInstanceIds);
        const targets = pairs ?? [
            {
                region: core/* getState */.Gu(state/* STATE */.c.region),
                confirmed,
                starting: idsFromState(state/* STATE */.c.startingInstanceIds).filter(id => !confirmed.includes(id))
            }
        ];
        const busy = targets.filter(t => t.confirmed.length + t.starting.length > 0);
        if (busy.length === 0) {
            if (core/* getInput */.V4('stop-on-post') === 'true')
                core/* info */.pq('stop-on-post: this step started no instance, so there is nothing to stop.');
            return;
        }
        const inputs = (0,src_inputs/* readInputs */.Ko)(name => core/* getInput */.V4(name), env);
        if (!inputs.stopOnPost)
            return;
        (0,credentials/* maskEnvironmentCredentials */.C6)(env);
        const credentialsFor = (0,credentials/* postStepCredentials */.J)({ sessionName: inputs.roleSessionName, audience: inputs.audience }, env, () => (0,clients/* createClients */.hP)({ region: inputs.region }).sts());
        if (!pairs)
            busy[0] = { ...busy[0], region: busy[0].region || inputs.region, roleArn: inputs.roleToAssume };
        if (!pairs) {
            // One region: its errors end the post step with the message of before.
            if ((await stopIn(busy[0], credentialsFor, env, ''))?.failed)
                core/* setFailed */.C1((0,untrusted/* neutralise */.$)(STILL_RUNNING));
            return;
        }
        // Every pair is stopped, even after another failed: each failure is its own error.
        const results = await Promise.all(busy.map(t => stopIn(t, credentialsFor, env, ` [${t.region}${t.roleArn ? ` (account ${t.roleArn.split(':')[4]})` : ''}]`).catch((err) => {
            core/* error */.z3((0,untrusted/* neutralise */.$)(`stop-on-post failed in ${t.region}; instances this job started there may still be running: ${err.message}`));
            return { failed: true };
        })));
        if (results.some(r => r?.failed))
            core/* setFailed */.C1((0,untrusted/* neutralise */.$)(STILL_RUNNING));
    }
    catch (err) {
        core/* setFailed */.C1((0,untrusted/* neutralise */.$)(`stop-on-post failed; instances this job started may still be running: ${err.message}`));
    }
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
