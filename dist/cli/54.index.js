export const id = 54;
export const ids = [54];
export const modules = {

/***/ 9378:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   U2: () => (/* binding */ listResources),
/* harmony export */   fe: () => (/* binding */ classifyError),
/* harmony export */   iQ: () => (/* binding */ AwsCallError),
/* harmony export */   uF: () => (/* binding */ awsCall)
/* harmony export */ });
/* unused harmony exports errorName, errorMessage */
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

/***/ 7054:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFleet: () => (/* binding */ runFleet)
});

// UNUSED EXPORTS: pairLabel, pairsOf

// EXTERNAL MODULE: ./src/report/state-reason.ts
var state_reason = __webpack_require__(6916);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
// EXTERNAL MODULE: ./.build/sdk/node_modules/@aws-sdk/client-ec2/index.js
var client_ec2 = __webpack_require__(4994);
;// CONCATENATED MODULE: ./src/aws/start.ts
// StartInstances in batches. A failing batch is split in halves so one bad instance cannot block the rest,
// and a state race (IncorrectInstanceState) is answered by reading the states again.



// 250 IDs a call keeps 1000 instances within StartInstances' request burst of 5 (how-ec2-uses-kms.md 5), and keeps
// the blast radius of an all-or-nothing failure small before bisection.
const START_BATCH_SIZE = 250;
// Batches in flight at once: four (1000 instances) fit the burst of 5 with a token to spare, so a fleet of 1000 is
// started in one round trip instead of four; a larger fleet goes on as calls return, paced like before.
const START_CONCURRENCY = 4;
function startCall(ec2, ids) {
    return (0,errors/* awsCall */.uF)('StartInstances', (0,errors/* listResources */.U2)(ids), 'ec2:StartInstances', () => ec2.send(new client_ec2.StartInstancesCommand({ InstanceIds: ids })));
}
// Errors that concern the whole call rather than one member: splitting would only repeat them.
const WHOLE_CALL_KINDS = new Set(['access-denied', 'credentials', 'throttling', 'transient']);
async function startInstances(ec2, ids) {
    const outcomes = new Map();
    let calls = 0;
    async function attempt(batch, racesLeft) {
        calls++;
        try {
            const out = await startCall(ec2, batch);
            // An instance someone else started since we looked comes back running -> running: it is not ours to stop.
            const previous = new Map((out.StartingInstances ?? []).map(s => [s.InstanceId, s.PreviousState?.Name]));
            for (const id of batch) {
                const before = previous.get(id);
                if (before === 'pending' || before === 'running')
                    outcomes.set(id, { kind: 'already-starting', state: before });
                else
                    outcomes.set(id, { kind: 'started' });
            }
            return;
        }
        catch (err) {
            const error = err;
            if (error.kind === 'invalid-state' && racesLeft > 0) {
                await resortAfterRace(batch, racesLeft - 1);
                return;
            }
            if (batch.length === 1 || WHOLE_CALL_KINDS.has(error.kind)) {
                for (const id of batch)
                    outcomes.set(id, { kind: 'failed', error });
                return;
            }
            const half = Math.ceil(batch.length / 2);
            await attempt(batch.slice(0, half), racesLeft);
            await attempt(batch.slice(half), racesLeft);
        }
    }
    async function resortAfterRace(batch, racesLeft) {
        const now = await (0,instances/* describeInstancesById */._w)(ec2, batch);
        const retry = [];
        for (const id of batch) {
            const state = now.get(id)?.state;
            if (state === 'stopped')
                retry.push(id);
            else if (state === 'pending' || state === 'running')
                outcomes.set(id, { kind: 'already-starting', state });
            else if (state === 'stopping')
                outcomes.set(id, { kind: 'wait-stopped' });
            else
                outcomes.set(id, { kind: 'failed', error: `it is ${state ?? 'gone'} and cannot be started` });
        }
        if (retry.length > 0)
            await attempt(retry, racesLeft);
    }
    const batches = (0,instances/* chunk */.iv)(ids, START_BATCH_SIZE);
    let next = 0;
    const worker = async () => {
        while (next < batches.length)
            await attempt(batches[next++], 2);
    };
    await Promise.all(Array.from({ length: Math.min(START_CONCURRENCY, batches.length) }, worker));
    return { outcomes, calls };
}

;// CONCATENATED MODULE: ./src/aws/status.ts
// Instance and system status checks, for wait-for: status-ok.



// DescribeInstanceStatus accepts at most 100 explicit instance IDs (how-ec2-uses-kms.md 5).
const STATUS_ID_BATCH = 100;
async function describeStatusChecks(ec2, ids) {
    const found = new Map();
    for (const batch of (0,instances/* chunk */.iv)(ids, STATUS_ID_BATCH)) {
        const out = await (0,errors/* awsCall */.uF)('DescribeInstanceStatus', (0,errors/* listResources */.U2)(batch), 'ec2:DescribeInstanceStatus', () => ec2.send(new client_ec2.DescribeInstanceStatusCommand({ InstanceIds: batch, IncludeAllInstances: true })));
        for (const s of out.InstanceStatuses ?? []) {
            if (!s.InstanceId)
                continue;
            found.set(s.InstanceId, {
                instance: s.InstanceStatus?.Status ?? 'insufficient-data',
                system: s.SystemStatus?.Status ?? 'insufficient-data'
            });
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/aws/poll-schedule.ts
// How long the poller waits before its next DescribeInstances. EC2 instances usually reach `running` 10 to 40 s
// after StartInstances, so a growing schedule leaves its widest gaps exactly where the success comes. One call covers
// the whole fleet (up to 1000 IDs), so 2 s costs one request per 2 s, far inside EC2's describe quotas
// (how-ec2-uses-kms.md 5): the poller stays at 2 s for a stated time, and backs off only after it, or when AWS
// throttles the polls.
/** The interval while instances boot: a success or a silent stop is seen within 2 s of EC2 showing it. */
const FAST_POLL_MS = 2000;
/** How long the poller stays at FAST_POLL_MS after the wait began: far beyond a usual boot. */
const FAST_PHASE_MS = 120_000;
/** The interval after FAST_PHASE_MS, for instances (or status checks) that take minutes. */
const SLOW_POLL_MS = 10_000;
/** The longest wait between polls while AWS keeps throttling them. */
const MAX_THROTTLED_POLL_MS = 30_000;
/** The delay before the next poll: 2 s for two minutes, then 10 s; doubled per throttled poll in a row. */
function nextPollDelayMs(pace) {
    const base = pace.elapsedMs < FAST_PHASE_MS ? FAST_POLL_MS : SLOW_POLL_MS;
    if (pace.throttledPolls <= 0)
        return base;
    return Math.min(MAX_THROTTLED_POLL_MS, Math.max(base, FAST_POLL_MS * 2 ** pace.throttledPolls));
}

;// CONCATENATED MODULE: ./src/aws/poll.ts






const realClock = {
    now: () => performance.now(),
    sleep: ms => new Promise(resolve => setTimeout(resolve, ms))
};
// Right after StartInstances, EC2's eventually consistent reads can still show the old `stopped`. A stopped
// instance whose StateReason is unchanged is only believed after this long.
const STALE_READ_GRACE_MS = 10_000;
const ACTIVE = new Set(['wait-stopped', 'to-start', 'booting', 'status-checks']);
const DOWN = new Set(['stopping', 'stopped', 'shutting-down', 'terminated']);
function initialPhase(state, waitFor) {
    if (state === 'running')
        return waitFor === 'status-ok' ? 'status-checks' : 'done';
    if (state === 'pending')
        return 'booting';
    if (state === 'stopping')
        return 'wait-stopped';
    if (state === 'stopped')
        return 'to-start';
    return 'failed';
}
function reasonChanged(before, now) {
    return (before.state !== now.state ||
        before.stateReason?.code !== now.stateReason?.code ||
        before.stateReason?.message !== now.stateReason?.message ||
        before.transitionReason !== now.transitionReason);
}
function describeFailure(t) {
    const why = (0,state_reason/* formatStateReason */.Z)(t.last.stateReason);
    return `${t.id} went ${t.before.state === 'stopped' ? 'pending' : t.before.state} -> ${t.last.state}${why ? ` (${why})` : ''}`;
}
async function startAndWait(ec2, targets, options) {
    const clock = options.clock ?? realClock;
    const say = options.onEvent ?? (() => undefined);
    const startedAtMs = clock.now();
    const deadline = startedAtMs + options.timeoutMs;
    const tracked = targets.map(t => ({
        id: t.instanceId,
        before: t,
        last: t,
        phase: initialPhase(t.state, options.waitFor),
        startedByUs: false
    }));
    options.onTracked?.(tracked);
    let polls = 0;
    let startCalls = 0;
    // Each outcome is logged the moment it is known: a silent stop shows in the log one poll after it happens,
    // not when the slowest instance of the fleet is done.
    const fail = (t, kind, message, error) => {
        t.phase = 'failed';
        t.failure = { kind, message, error };
        say(`✗ ${message}`);
    };
    const reach = (t) => {
        t.phase = 'done';
        t.reachedAt = clock.now();
        if (options.waitFor === 'none') {
            // Nothing was observed: the instance was only asked to start, so no time to a state and no ✓.
            t.reachedAt = undefined;
            say(`→ ${t.id} ${t.startedByUs ? 'start requested' : t.last.state} (wait-for: none, not verified)`);
            return;
        }
        const after = t.startedAt === undefined ? '' : ` after ${((t.reachedAt - t.startedAt) / 1000).toFixed(1)} s`;
        say(`✓ ${t.id} ${t.last.state}${options.waitFor === 'status-ok' ? ', status checks ok' : ''}${after}${t.last.privateIp ? ` (${t.last.privateIp})` : ''}`);
    };
    // A poll that fails after the SDK's own retries (an EC2 brownout) is skipped, not fatal: the instances are
    // already starting, and the next poll, or the timeout, decides. Denied or missing credentials stay fatal.
    let lastPollError;
    // Polls in a row that AWS throttled beyond the SDK's retries: the schedule backs off while they last.
    let throttledPolls = 0;
    const readOrSkip = async (read) => {
        try {
            const value = await read();
            lastPollError = undefined;
            throttledPolls = 0;
            return value;
        }
        catch (err) {
            const error = err;
            if (!(error instanceof errors/* AwsCallError */.iQ) || error.kind === 'access-denied' || error.kind === 'credentials')
                throw err;
            lastPollError = error.message;
            throttledPolls = error.kind === 'throttling' ? throttledPolls + 1 : 0;
            say(`! ${error.message}; trying again at the next poll`);
            return undefined;
        }
    };
    for (;;) {
        const toStart = tracked.filter(t => t.phase === 'to-start');
        if (toStart.length > 0) {
            options.onStarting?.(toStart.map(t => t.id));
            const result = await startInstances(ec2, toStart.map(t => t.id));
            startCalls += result.calls;
            for (const t of toStart) {
                const outcome = result.outcomes.get(t.id);
                if (outcome?.kind === 'started') {
                    Object.assign(t, { phase: 'booting', startedByUs: true, startedAt: clock.now(), atStart: t.last });
                }
                else if (outcome?.kind === 'already-starting')
                    t.phase = 'booting';
                else if (outcome?.kind === 'wait-stopped')
                    t.phase = 'wait-stopped';
                else {
                    const error = outcome?.error;
                    fail(t, 'start-error', typeof error === 'string' ? `${t.id}: ${error}` : (error?.message ?? 'not started'), typeof error === 'string' ? undefined : error);
                }
            }
            const started = toStart.filter(t => t.startedByUs).length;
            // Also when none was started: it ends the "being started" window that onStarting opened.
            options.onStarted?.(tracked.filter(t => t.startedByUs).map(t => t.id));
            if (started > 0) {
                say(`StartInstances accepted ${started} instance(s); verifying that they really run`);
            }
        }
        if (options.waitFor === 'none') {
            for (const t of tracked)
                if (t.phase === 'booting' || t.phase === 'status-checks')
                    reach(t);
        }
        options.onPoll?.();
        const active = tracked.filter(t => ACTIVE.has(t.phase));
        if (active.length === 0)
            break;
        const now = clock.now();
        if (now >= deadline) {
            for (const t of active) {
                fail(t, 'timeout', `${t.id} was still ${t.last.state}${t.phase === 'status-checks' ? ` (status checks ${t.statusChecks?.instance ?? '?'}/${t.statusChecks?.system ?? '?'})` : ''} after ${Math.round(options.timeoutMs / 1000)} s${lastPollError ? `; the last poll failed: ${lastPollError}` : ''}`);
            }
            break;
        }
        await clock.sleep(Math.min(nextPollDelayMs({ elapsedMs: now - startedAtMs, throttledPolls }), deadline - now));
        polls++;
        const watched = tracked.filter(t => t.phase === 'wait-stopped' || t.phase === 'booting' || t.phase === 'status-checks');
        const seen = await readOrSkip(() => (0,instances/* describeInstancesById */._w)(ec2, watched.map(t => t.id)));
        if (!seen)
            continue;
        for (const t of watched) {
            const snapshot = seen.get(t.id);
            if (!snapshot) {
                fail(t, 'not-running', `${t.id} is no longer visible to DescribeInstances`);
                continue;
            }
            t.last = snapshot;
            if (t.phase === 'wait-stopped') {
                if (snapshot.state === 'stopped')
                    t.phase = 'to-start';
                else if (snapshot.state !== 'stopping')
                    t.phase = initialPhase(snapshot.state, options.waitFor);
                if (t.phase === 'failed')
                    fail(t, 'not-running', `${t.id} became ${snapshot.state} while we waited for it to stop`);
                continue;
            }
            if (DOWN.has(snapshot.state)) {
                const maybeStale = t.startedByUs &&
                    snapshot.state === 'stopped' &&
                    !reasonChanged(t.atStart ?? t.before, snapshot) &&
                    clock.now() - (t.startedAt ?? 0) < STALE_READ_GRACE_MS;
                if (!maybeStale)
                    fail(t, t.startedByUs ? 'stopped-after-start' : 'not-running', describeFailure(t));
                continue;
            }
            if (snapshot.state === 'running') {
                if (options.waitFor === 'status-ok')
                    t.phase = 'status-checks';
                else
                    reach(t);
            }
        }
        const checking = tracked.filter(t => t.phase === 'status-checks');
        if (checking.length > 0) {
            const statuses = await readOrSkip(() => describeStatusChecks(ec2, checking.map(t => t.id)));
            if (!statuses)
                continue;
            for (const t of checking) {
                const s = statuses.get(t.id);
                if (!s)
                    continue;
                t.statusChecks = s;
                if (s.instance === 'ok' && s.system === 'ok')
                    reach(t);
                else if (s.instance === 'impaired' || s.system === 'impaired') {
                    fail(t, 'status-impaired', `${t.id} is running but its status checks are impaired (instance ${s.instance}, system ${s.system})`);
                }
            }
        }
    }
    return { tracked, startedAtMs, finishedAtMs: clock.now(), polls, startCalls };
}

// EXTERNAL MODULE: ./src/inputs.ts + 1 modules
var src_inputs = __webpack_require__(5835);
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
        ec2: once('ec2', built, async () => new (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 4994))).EC2Client(await common(config))),
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

// EXTERNAL MODULE: ./.build/sdk/node_modules/@aws-sdk/client-sts/index.js
var client_sts = __webpack_require__(9920);
// EXTERNAL MODULE: ./src/kms/principal.ts
var principal = __webpack_require__(3671);
;// CONCATENATED MODULE: ./src/aws/caller.ts
// Who is calling: sts:GetCallerIdentity, mapped to the principal a key policy names.




async function getCaller(sts) {
    const out = await (0,errors/* awsCall */.uF)('GetCallerIdentity', 'the caller', 'sts:GetCallerIdentity', () => sts.send(new client_sts.GetCallerIdentityCommand({})));
    return (0,principal/* callerFromArn */.VE)(out.Arn ?? '', out.Account);
}

// EXTERNAL MODULE: ./src/report/findings.ts + 1 modules
var findings = __webpack_require__(7050);
// EXTERNAL MODULE: ./src/report/model.ts
var model = __webpack_require__(6867);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(3303);
;// CONCATENATED MODULE: ./src/state.ts
// Names of the values the main step hands to the post step through saveState/getState.
const STATE = {
    isPost: 'isPost',
    /** JSON array: the instances StartInstances moved from stopped, as far as this step saw its answers. */
    startedInstanceIds: 'started-instance-ids',
    /** JSON array: the instances of a StartInstances call still in flight (saved before it is sent). */
    startingInstanceIds: 'starting-instance-ids',
    /** Epoch ms when the main step began: an instance launched since then, of those being started, is ours. */
    stepBeganAt: 'step-began-at',
    region: 'region',
    /** JSON array of SavedPair (fleet.ts): with several (account, region) pairs, what was started in each. */
    pairs: 'pairs'
};

;// CONCATENATED MODULE: ./src/live.ts
// The live run: credentials, targets, diagnosis, (fix), start and verify. Returns the report; logs progress.











// KMS applies key-policy changes after a short delay (how-ec2-uses-kms.md 5, "eventual consistency").
const POLICY_SETTLE_MS = 3000;
const UNFINISHED = new Set(['wait-stopped', 'to-start', 'booting', 'status-checks']);
function instanceReport(t, waitFor, keys, endedEarly) {
    const reached = t.phase === 'done';
    // A step that ended before this instance was decided says so, instead of a failure with no reason.
    const unfinished = endedEarly && UNFINISHED.has(t.phase)
        ? `${t.id} was not verified: the step ended early (${endedEarly}); last seen ${t.last.state}${t.startedByUs && t.last === t.atStart ? ', before StartInstances accepted it' : ''}`
        : undefined;
    return {
        instanceId: t.id,
        name: t.last.name ?? t.before.name,
        stateBefore: t.before.state,
        state: t.last.state,
        stateReason: t.phase === 'failed' ? t.last.stateReason : undefined,
        privateIp: t.last.privateIp,
        publicIp: t.last.publicIp,
        startedByThisStep: t.startedByUs,
        outcome: !reached
            ? 'failed'
            : waitFor === 'status-ok'
                ? 'status-ok'
                : waitFor === 'none'
                    ? 'start-requested'
                    : 'running',
        secondsToState: reached && t.reachedAt !== undefined && t.startedAt !== undefined
            ? (t.reachedAt - t.startedAt) / 1000
            : undefined,
        failure: t.failure?.message ?? unfinished,
        failureKind: t.failure?.kind,
        keys
    };
}
function checkedReport(s, keys) {
    return {
        instanceId: s.instanceId,
        name: s.name,
        stateBefore: s.state,
        state: s.state,
        privateIp: s.privateIp,
        publicIp: s.publicIp,
        startedByThisStep: false,
        outcome: 'checked',
        keys
    };
}
async function findCaller(inputs, clients) {
    if (inputs.principalArn)
        return (0,principal/* callerFromArn */.VE)(inputs.principalArn);
    // role-to-assume names the role with its path, which the session ARN from STS drops.
    return (0,principal/* withRolePathFrom */.ut)(await getCaller(await clients.sts()), inputs.roleToAssume);
}
/** The diagnosis did not finish within diagnosis-timeout-seconds; its requests were aborted. */
class DiagnosisTimeout extends Error {
    seconds;
    constructor(seconds) {
        super(`The KMS diagnosis timed out after ${seconds} s (diagnosis-timeout-seconds); its AWS requests were cancelled`);
        this.seconds = seconds;
        this.name = 'DiagnosisTimeout';
    }
}
/** AWS clients whose every request is cancelled when `signal` aborts. */
function abortable(clients, signal) {
    return {
        ec2: async () => withAbortSignal(await clients.ec2(), signal),
        kms: async () => withAbortSignal(await clients.kms(), signal),
        sts: async () => withAbortSignal(await clients.sts(), signal),
        iam: async () => withAbortSignal(await clients.iam(), signal),
        loaded: () => clients.loaded()
    };
}
/**
 * The diagnosis, bounded by diagnosis-timeout-seconds: at the deadline every request still in flight is aborted
 * (so none keeps the process alive) and DiagnosisTimeout is thrown. A KMS endpoint that never answers must not keep
 * the instances from being started.
 */
async function diagnoseWithin(inputs, clients, targets, io) {
    const controller = new AbortController();
    let timer;
    const deadline = new Promise((_, reject) => {
        timer = setTimeout(() => {
            controller.abort();
            reject(new DiagnosisTimeout(inputs.diagnosisTimeoutSeconds));
        }, inputs.diagnosisTimeoutSeconds * 1000);
    });
    const work = diagnose(inputs, abortable(clients, controller.signal), targets, io);
    // Settles after the deadline once its requests are aborted; nobody awaits it then.
    work.catch(() => undefined);
    try {
        return await Promise.race([work, deadline]);
    }
    finally {
        clearTimeout(timer);
    }
}
async function diagnose(inputs, clients, targets, io) {
    const caller = await findCaller(inputs, clients);
    // Loaded after the first AWS call is on its way: KMS code is not part of the cold start.
    const { diagnoseKeys } = await Promise.all(/* import() */[__webpack_require__.e(481), __webpack_require__.e(688), __webpack_require__.e(414)]).then(__webpack_require__.bind(__webpack_require__, 7414));
    const diagnosis = await diagnoseKeys({ ec2: await clients.ec2(), kms: await clients.kms(), iam: () => clients.iam() }, targets, caller, inputs.region, inputs.fix);
    for (const key of diagnosis.keys) {
        const mark = key.status === 'ok' ? '✓' : key.status === 'misconfigured' ? '✗' : '?';
        io.info(`${mark} ${key.alias ?? key.arn}: ${key.verdict.verdict} — ${key.verdict.reason}`);
        if (key.fix && inputs.fix === 'suggest') {
            const where = key.fix.target === 'key-policy' ? `the key policy of ${key.arn}` : "the caller's IAM policy";
            // One io.info per line: the sink keeps every message to one line, so a value can never start a new one.
            io.info(`  Fix: add this statement to ${where}:`);
            for (const line of JSON.stringify(key.fix.statement, null, 2).split('\n'))
                io.info(line);
        }
    }
    return diagnosis;
}
async function applyFixes(inputs, clients, diagnosis, clock, io) {
    const kms = await clients.kms();
    const { applyKeyPolicyFix, refuseToEdit } = await Promise.all(/* import() */[__webpack_require__.e(481), __webpack_require__.e(688), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 9455));
    let changed = 0;
    for (const key of diagnosis.keys.filter(k => k.status === 'misconfigured')) {
        // A key no statement can fix (disabled, a Deny, someone else's) keeps its own advice, not a useless statement.
        const refusal = refuseToEdit(key, diagnosis.evidence.get(key.arn), diagnosis.caller);
        if (refusal) {
            // Kept on the key: the summary and the key's annotation say why it was not edited.
            key.applyRefusal = refusal;
            io.info(`fix: apply — not applied to ${key.arn}: ${refusal}.`);
            continue;
        }
        key.fix = await applyKeyPolicyFix(kms, key, diagnosis.evidence.get(key.arn), diagnosis.caller, inputs.region);
        const applied = key.fix.applied;
        if (applied?.outcome === 'added')
            changed++;
        if (applied)
            io.info(`fix: apply — ${applied.outcome}: ${applied.detail}`);
        if (applied?.outcome === 'added') {
            // The statement added, in the log too: users must be able to see exactly what changed.
            io.info(JSON.stringify(key.fix.statement));
        }
    }
    if (changed > 0)
        await clock.sleep(POLICY_SETTLE_MS);
}
/** A key judged misconfigured that AWS showed working: an instance seen running after this step started it. */
function markDisagreements(report) {
    for (const key of report.keys.filter(k => k.status === 'misconfigured')) {
        // Only what AWS showed is evidence: with wait-for none an instance was only asked to start, and an instance
        // already running before the step says nothing about a new start.
        const ran = report.instances.filter(i => key.instances.includes(i.instanceId) && (0,findings/* ranAfterOurStart */.iP)(i));
        if (ran.length > 0) {
            key.disagreement = `Yet ${(0,errors/* listResources */.U2)(ran.map(i => i.instanceId))} started with this key: something this analysis cannot see allowed the grant (an IAM policy, a grant, or a policy element it does not model). Treat this finding as a warning and check the key.`;
        }
    }
}
/** Keys whose metadata or policy could not be read: a check cannot call them usable (unreadable-policy). */
function unreadableKeys(diagnosis) {
    return diagnosis.keys.filter(k => k.status !== 'ok' && diagnosis.evidence.get(k.arn)?.readError !== undefined);
}
function recordDiagnosis(report, diagnosis, inputs) {
    report.caller = diagnosis.caller.principalArn;
    report.keys = diagnosis.keys;
    report.warnings.push(...diagnosis.warnings);
    if (inputs.mode !== 'check' || inputs.unreadablePolicy !== 'fail')
        return;
    for (const key of unreadableKeys(diagnosis)) {
        report.problems.push(`${key.alias ?? key.arn} could not be read, so this check cannot say that EC2 may use it (unreadable-policy: fail): ${diagnosis.evidence.get(key.arn)?.readError}. See ${(0,links/* troubleshootingLink */.rT)('CANNOT_EVALUATE')}`);
    }
}
/** Waits for the diagnosis that ran during the start (it never rejects) and records it. */
async function recordConcurrent(concurrent, report, inputs) {
    const diagnosis = await concurrent;
    if (diagnosis)
        recordDiagnosis(report, diagnosis, inputs);
    return diagnosis;
}
/**
 * The live run. It fills `report` as it goes, so that when it throws (expired credentials mid-poll, a denied call)
 * the caller can still publish the outputs and summary of what is known.
 */
async function runLive(inputs, io, env = process.env, clock = realClock, report = (0,model/* newRunReport */.I)(inputs)) {
    const began = clock.now();
    // Epoch time, as EC2's LaunchTime: the post step stops an instance "being started" only if it launched since.
    io.saveState(STATE.stepBeganAt, String(Date.now()));
    try {
        return await runLiveSteps(inputs, io, env, clock, report);
    }
    finally {
        report.durationMs = clock.now() - began;
    }
}
async function runLiveSteps(inputs, io, env, clock, report) {
    const credentials = await io.credentials();
    const clients = createClients({ region: inputs.region, credentials });
    const ec2 = await clients.ec2();
    io.saveState(STATE.region, inputs.region);
    if (inputs.filters.length > 0)
        report.filters = (0,src_inputs/* describeFilterGroups */.U4)(inputs.filters);
    const targets = await (0,instances/* resolveTargets */.h5)(ec2, inputs.instanceIds, inputs.filters);
    io.info(`Targets: ${targets.map(t => `${t.instanceId} (${t.state})`).join(', ')}`);
    // What is known if the step ends before the start: the targets as they are, none started by this step.
    report.instances = targets.map(t => checkedReport(t, []));
    const dead = (0,instances/* unstartable */.a7)(targets);
    if (dead.length > 0 && inputs.mode === 'start') {
        // StartInstances would fail the whole call, so nothing is started.
        throw new instances/* TargetError */.I0(`${(0,errors/* listResources */.U2)(dead.map(d => `${d.instanceId} (${d.state})`), 10)} cannot be started; nothing was started. Remove ${dead.length === 1 ? 'it' : 'them'} from instance-ids.`);
    }
    let diagnosis;
    const timedOutLink = (0,links/* troubleshootingLink */.rT)('DIAGNOSIS_TIMED_OUT');
    // With fix: suggest nothing has to happen before the start: StartInstances goes out as soon as the states are
    // known and the diagnosis runs while the instances boot (it needs a few calls; a failed start takes seconds to
    // show), and the report waits for it. fix: apply must edit the key policies first, and check is the diagnosis.
    let concurrent;
    const diagnosisFailed = (err, when) => report.warnings.push(err instanceof DiagnosisTimeout
        ? `${err.message}, so the instances were started without it. See ${timedOutLink}`
        : `The KMS diagnosis ${when} the start failed, so the instances were started without it: ${err.message}`);
    if (inputs.mode === 'check') {
        // A gate that cannot read the keys must not pass: errors here fail the step, and so does the deadline.
        try {
            diagnosis = await diagnoseWithin(inputs, clients, targets, io);
        }
        catch (err) {
            if (!(err instanceof DiagnosisTimeout))
                throw err;
            report.problems.push(`${err.message}, so the check fails: keys it did not read may block EC2. See ${timedOutLink}`);
        }
    }
    else if (inputs.fix === 'apply') {
        try {
            diagnosis = await diagnoseWithin(inputs, clients, targets, io);
        }
        catch (err) {
            diagnosisFailed(err, 'before');
        }
    }
    // Begun once the first StartInstances has answered (or at once when no target is stopped): loading the STS and
    // KMS clients and their calls must not delay the start, and a failed start takes seconds to show.
    const beginDiagnosis = () => {
        if (inputs.mode !== 'start' || inputs.fix !== 'suggest' || concurrent)
            return;
        concurrent = diagnoseWithin(inputs, clients, targets, io).then(d => d, (err) => {
            diagnosisFailed(err, 'during');
            return undefined;
        });
    };
    if (!targets.some(t => t.state === 'stopped'))
        beginDiagnosis();
    if (diagnosis)
        recordDiagnosis(report, diagnosis, inputs);
    if (diagnosis && inputs.fix === 'apply')
        await applyFixes(inputs, clients, diagnosis, clock, io);
    if (inputs.mode === 'check') {
        report.instances = targets.map(t => checkedReport(t, diagnosis?.instanceKeys.get(t.instanceId) ?? []));
    }
    else {
        let tracked = [];
        let result;
        try {
            result = await startAndWait(ec2, targets, {
                waitFor: inputs.waitFor,
                timeoutMs: inputs.timeoutSeconds * 1000,
                clock,
                onEvent: message => io.info(message),
                onTracked: t => (tracked = t),
                onPoll: () => io.progress?.(tracked),
                // Saved before the call is sent: a job cancelled while StartInstances is in flight still lets the post
                // step find them (it stops only those that launched after this step began).
                onStarting: ids => io.saveState(STATE.startingInstanceIds, JSON.stringify(ids)),
                onStarted: ids => {
                    io.saveState(STATE.startedInstanceIds, JSON.stringify(ids));
                    io.saveState(STATE.startingInstanceIds, '[]');
                    beginDiagnosis();
                }
            });
        }
        catch (err) {
            // The step ends on this error; what the diagnosis finds still goes into the report.
            beginDiagnosis();
            diagnosis = await recordConcurrent(concurrent, report, inputs);
            report.instances = tracked.map(t => instanceReport(t, inputs.waitFor, diagnosis?.instanceKeys.get(t.id) ?? [], err.message));
            throw err;
        }
        report.polls = result.polls;
        // A failure carries its cause: the report waits for the diagnosis that ran during the boot.
        beginDiagnosis();
        if (concurrent)
            diagnosis = await recordConcurrent(concurrent, report, inputs);
        const failed = result.tracked.filter(t => t.phase === 'failed');
        if (!diagnosis && failed.length > 0) {
            // fix: off skips the diagnosis up front; a failure still deserves its cause, as far as we can read it.
            try {
                diagnosis = await diagnoseWithin(inputs, clients, failed.map(t => t.last), io);
                recordDiagnosis(report, diagnosis, inputs);
            }
            catch (err) {
                report.warnings.push(`Could not diagnose the KMS keys of the failed instances: ${err.message}`);
            }
        }
        report.instances = result.tracked.map(t => instanceReport(t, inputs.waitFor, diagnosis?.instanceKeys.get(t.id) ?? []));
    }
    markDisagreements(report);
    return report;
}

;// CONCATENATED MODULE: ./src/fleet.ts




function pairsOf(inputs) {
    const roles = inputs.rolesToAssume.length > 0 ? inputs.rolesToAssume : [undefined];
    return roles.flatMap(roleArn => inputs.regions.map(region => ({ region, roleArn, account: roleArn?.split(':')[4] })));
}
function pairLabel(pair) {
    return pair.account ? `${pair.region} (account ${pair.account})` : pair.region;
}
function accountOf(pair, report) {
    return pair.account ?? /^arn:aws[\w-]*:(?:iam|sts)::(\d{12}):/.exec(report.caller ?? '')?.[1];
}
/** The inputs of one pair: its region, its role. */
function pairInputs(inputs, pair) {
    return {
        ...inputs,
        region: pair.region,
        regions: [pair.region],
        roleToAssume: pair.roleArn,
        rolesToAssume: pair.roleArn ? [pair.roleArn] : []
    };
}
function summarisePair(pair, report, failure) {
    return {
        region: pair.region,
        account: accountOf(pair, report),
        roleArn: pair.roleArn,
        caller: report.caller,
        instances: report.instances.length,
        running: report.instances.filter(i => i.state === 'running' && i.outcome !== 'failed').length,
        failed: report.instances.filter(i => i.outcome === 'failed').length,
        keys: report.keys.length,
        problems: failure === undefined ? report.problems : [failure, ...report.problems],
        durationMs: report.durationMs
    };
}
async function runFleet(inputs, io, env = process.env, clock = realClock, report = (0,model/* newRunReport */.I)(inputs)) {
    const pairs = pairsOf(inputs);
    if (pairs.length === 1) {
        const [pair] = pairs;
        const done = await runLive(inputs, { ...io, credentials: () => io.credentials(pair.roleArn) }, env, clock, report).finally(() => {
            const account = accountOf(pair, report);
            for (const i of report.instances)
                Object.assign(i, { region: pair.region, account });
        });
        return done;
    }
    const began = clock.now();
    const saved = pairs.map(p => ({
        region: p.region,
        roleArn: p.roleArn,
        started: [],
        starting: []
    }));
    const reports = pairs.map(p => (0,model/* newRunReport */.I)(pairInputs(inputs, p)));
    // A live display shows the whole fleet: each pair's latest records, together.
    const tracked = pairs.map(() => []);
    const runs = pairs.map(async (pair, n) => {
        const label = pairLabel(pair);
        const pairIo = {
            info: message => io.info(`[${label}] ${message}`),
            saveState: (name, value) => {
                // The post step stops, in each pair, what was started there: one record per pair, rewritten on change.
                if (name === STATE.startedInstanceIds)
                    saved[n].started = JSON.parse(value);
                else if (name === STATE.startingInstanceIds)
                    saved[n].starting = JSON.parse(value);
                else if (name === STATE.stepBeganAt) {
                    io.saveState(name, value);
                    return;
                }
                else
                    return;
                io.saveState(STATE.pairs, JSON.stringify(saved));
            },
            credentials: () => io.credentials(pair.roleArn),
            progress: io.progress
                ? records => {
                    tracked[n] = records;
                    io.progress?.(tracked.flat());
                }
                : undefined
        };
        try {
            await runLive(pairInputs(inputs, pair), pairIo, env, clock, reports[n]);
            return undefined;
        }
        catch (err) {
            return `${label}: ${err instanceof Error ? err.message : String(err)}`;
        }
    });
    const failures = await Promise.all(runs);
    report.pairs = pairs.map((pair, n) => summarisePair(pair, reports[n], failures[n]));
    for (const [n, pair] of pairs.entries()) {
        const r = reports[n];
        const label = pairLabel(pair);
        const account = accountOf(pair, r);
        // A failure names its pair: the same role may fail the same way in every region.
        report.instances.push(...r.instances.map(i => ({
            ...i,
            region: pair.region,
            account,
            failure: i.failure === undefined ? undefined : `in ${label}: ${i.failure}`
        })));
        report.keys.push(...r.keys);
        if (failures[n] !== undefined)
            report.problems.push(failures[n]);
        report.problems.push(...r.problems.map(p => `${label}: ${p}`));
        report.warnings.push(...r.warnings.map(w => `${label}: ${w}`));
        report.polls += r.polls;
        report.filters ??= r.filters;
    }
    // One caller for the whole report only when every pair ran as the same principal.
    const callers = new Set(reports.map(r => r.caller).filter(Boolean));
    report.caller = callers.size === 1 ? [...callers][0] : undefined;
    report.durationMs = clock.now() - began;
    return report;
}


/***/ }),

/***/ 3671:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   VE: () => (/* binding */ callerFromArn),
/* harmony export */   ut: () => (/* binding */ withRolePathFrom),
/* harmony export */   wo: () => (/* binding */ arnParts)
/* harmony export */ });
function arnParts(arn) {
    const [, partition = 'aws', , region = '', accountId = '', ...rest] = arn.split(':');
    return { partition, region, accountId, resource: rest.join(':') };
}
const ASSUMED_ROLE = /^arn:(aws[\w-]*):sts::(\d{12}):assumed-role\/([^/]+)\/(.+)$/;
/**
 * An assumed-role session ARN names the role but not its path (how-ec2-uses-kms.md 6). Role names are unique in an
 * account whatever their path, so the analyzer can match on account and name; the exact ARN (for a fix
 * statement or a simulation) comes from iam:GetRole when it is needed.
 */
function callerFromArn(arn, account) {
    const session = ASSUMED_ROLE.exec(arn);
    if (session) {
        const [, partition, accountId, roleName] = session;
        return {
            principalArn: `arn:${partition}:iam::${accountId}:role/${roleName}`,
            accountId,
            sessionArn: arn,
            partition,
            pathUnknown: true
        };
    }
    const parts = arnParts(arn);
    return { principalArn: arn, accountId: account ?? parts.accountId, partition: parts.partition };
}
/**
 * The caller with its role's path taken from a full role ARN given as an input (role-to-assume, principal-arn),
 * when that ARN is the caller's role: same partition, account and name. Otherwise the caller is unchanged.
 */
function withRolePathFrom(caller, roleArn) {
    if (caller.pathUnknown !== true || roleArn === undefined)
        return caller;
    const given = /^arn:([^:]+):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
    const known = /^arn:([^:]+):iam::(\d{12}):role\/([^/]+)$/.exec(caller.principalArn);
    if (given === null || known === null)
        return caller;
    if (given[1] !== known[1] || given[2] !== known[2] || given[3] !== known[3])
        return caller;
    return { ...caller, principalArn: roleArn, pathUnknown: false };
}


/***/ })

};
