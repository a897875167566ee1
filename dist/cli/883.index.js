export const id = 883;
export const ids = [883];
export const modules = {

/***/ 9883:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runFleet: () => (/* binding */ runFleet)
});

// UNUSED EXPORTS: pairLabel, pairsOf

// EXTERNAL MODULE: ./src/aws/poll.ts + 2 modules
var poll = __webpack_require__(2024);
// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
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
        ec2: once('ec2', built, async () => new (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 5193, 19))).EC2Client(await common(config))),
        kms: once('kms', built, async () => new (await __webpack_require__.e(/* import() */ 632).then(__webpack_require__.t.bind(__webpack_require__, 2632, 19))).KMSClient(await common(config))),
        sts: once('sts', built, async () => new (await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 1695, 19))).STSClient(await common(config))),
        iam: once('iam', built, async () => new (await __webpack_require__.e(/* import() */ 764).then(__webpack_require__.t.bind(__webpack_require__, 6764, 19))).IAMClient(await common(config))),
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

// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-sts/dist-cjs/index.js
var dist_cjs = __webpack_require__(1695);
// EXTERNAL MODULE: ./src/kms/principal.ts
var principal = __webpack_require__(3671);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
;// CONCATENATED MODULE: ./src/aws/caller.ts
// Who is calling: sts:GetCallerIdentity, mapped to the principal a key policy names.




async function getCaller(sts) {
    const out = await (0,errors/* awsCall */.uF)('GetCallerIdentity', 'the caller', 'sts:GetCallerIdentity', () => sts.send(new dist_cjs.GetCallerIdentityCommand({})));
    return (0,principal/* callerFromArn */.VE)(out.Arn ?? '', out.Account);
}

// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
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
    const { diagnoseKeys } = await Promise.all(/* import() */[__webpack_require__.e(632), __webpack_require__.e(944), __webpack_require__.e(414)]).then(__webpack_require__.bind(__webpack_require__, 7414));
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
    const { applyKeyPolicyFix, refuseToEdit } = await Promise.all(/* import() */[__webpack_require__.e(632), __webpack_require__.e(944), __webpack_require__.e(455)]).then(__webpack_require__.bind(__webpack_require__, 9455));
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
/**
 * The live run. It fills `report` as it goes, so that when it throws (expired credentials mid-poll, a denied call)
 * the caller can still publish the outputs and summary of what is known.
 */
async function runLive(inputs, io, env = process.env, clock = poll/* realClock */.dQ, report = (0,model/* newRunReport */.I)(inputs)) {
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
    else if (inputs.fix !== 'off') {
        try {
            diagnosis = await diagnoseWithin(inputs, clients, targets, io);
        }
        catch (err) {
            report.warnings.push(err instanceof DiagnosisTimeout
                ? `${err.message}, so starting without it. See ${timedOutLink}`
                : `The KMS diagnosis before the start failed, so starting without it: ${err.message}`);
        }
    }
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
            result = await (0,poll/* startAndWait */.ZK)(ec2, targets, {
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
                }
            });
        }
        catch (err) {
            report.instances = tracked.map(t => instanceReport(t, inputs.waitFor, diagnosis?.instanceKeys.get(t.id) ?? [], err.message));
            throw err;
        }
        report.polls = result.polls;
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
async function runFleet(inputs, io, env = process.env, clock = poll/* realClock */.dQ, report = (0,model/* newRunReport */.I)(inputs)) {
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

//# sourceMappingURL=883.index.js.map