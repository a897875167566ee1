export const id = 411;
export const ids = [411];
export const modules = {

/***/ 4792:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  runPost: () => (/* binding */ runPost)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 16 modules
var core = __webpack_require__(8179);
// EXTERNAL MODULE: ./node_modules/@aws-sdk/client-ec2/dist-cjs/index.js
var dist_cjs = __webpack_require__(5193);
// EXTERNAL MODULE: ./src/inputs.ts
var src_inputs = __webpack_require__(8422);
// EXTERNAL MODULE: ./src/aws/clients.ts + 2 modules
var clients = __webpack_require__(4506);
// EXTERNAL MODULE: ./src/aws/credentials.ts
var aws_credentials = __webpack_require__(6963);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
// EXTERNAL MODULE: ./src/report/publish.ts + 3 modules
var publish = __webpack_require__(2549);
// EXTERNAL MODULE: ./src/report/escape.ts
var report_escape = __webpack_require__(6412);
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
async function runPost(env = process.env) {
    try {
        // Nothing started means nothing to stop, whatever made the main step fail (bad input included).
        const confirmed = idsFromState(state/* STATE */.c.startedInstanceIds);
        const starting = idsFromState(state/* STATE */.c.startingInstanceIds).filter(id => !confirmed.includes(id));
        if (confirmed.length === 0 && starting.length === 0) {
            if (core/* getInput */.V4('stop-on-post') === 'true')
                core/* info */.pq('stop-on-post: this step started no instance, so there is nothing to stop.');
            return;
        }
        const inputs = (0,src_inputs/* readInputs */.Ko)(name => core/* getInput */.V4(name), env);
        if (!inputs.stopOnPost)
            return;
        (0,aws_credentials/* maskEnvironmentCredentials */.C6)(env);
        const region = core/* getState */.Gu(state/* STATE */.c.region) || inputs.region;
        const credentials = inputs.roleToAssume
            ? await (0,aws_credentials/* assumeRoleWithOidc */.Y0)(await (0,clients/* createClients */.hP)({ region }).sts(), { roleArn: inputs.roleToAssume, sessionName: inputs.roleSessionName, audience: inputs.audience }, env)
            : undefined;
        const ec2 = await (0,clients/* createClients */.hP)({ region, credentials }).ec2();
        const ids = [...confirmed, ...(starting.length > 0 ? await launchedSinceStepBegan(ec2, starting) : [])];
        if (ids.length === 0) {
            core/* info */.pq('stop-on-post: no instance was started by this step, so there is nothing to stop.');
            return;
        }
        const rows = [];
        const failures = [];
        for (const batch of (0,instances/* chunk */.iv)(ids, STOP_BATCH_SIZE)) {
            try {
                const out = await (0,errors/* awsCall */.uF)('StopInstances', (0,errors/* listResources */.U2)(batch), 'ec2:StopInstances', () => ec2.send(new dist_cjs.StopInstancesCommand({ InstanceIds: batch })));
                for (const s of out.StoppingInstances ?? []) {
                    rows.push({
                        instanceId: s.InstanceId ?? '',
                        previous: s.PreviousState?.Name ?? '',
                        current: s.CurrentState?.Name ?? ''
                    });
                    core/* info */.pq((0,untrusted/* neutralise */.$)(`Stopping ${s.InstanceId}: ${s.PreviousState?.Name} -> ${s.CurrentState?.Name}`));
                }
            }
            catch (err) {
                failures.push(err.message);
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
        if (verdict.failed)
            core/* setFailed */.C1((0,untrusted/* neutralise */.$)(verdict.text));
        else
            core/* info */.pq((0,untrusted/* neutralise */.$)(verdict.text));
    }
    catch (err) {
        core/* setFailed */.C1((0,untrusted/* neutralise */.$)(`stop-on-post failed; instances this job started may still be running: ${err.message}`));
    }
}


/***/ })

};

//# sourceMappingURL=411.index.js.map