export const id = 485;
export const ids = [485];
export const modules = {

/***/ 1069:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   c: () => (/* binding */ findingRule)
/* harmony export */ });
/* unused harmony export KNOWN_CODES */
/* harmony import */ var _links_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3303);
/* harmony import */ var _verdicts_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9910);


const VERDICT_HELP = {
    ALLOW: 'A key-policy statement names the caller and allows kms:CreateGrant in the context EC2 sends; nothing to fix.',
    ALLOW_IF_IAM: "Only the account principal allows kms:CreateGrant, so the caller's IAM policy decides whether EC2 gets its grant. Offline, IAM cannot be read: add a statement that names the role, or rely on mode: check against the deployed key.",
    DENY_EXPLICIT: 'A Deny statement of the key policy matches the kms:CreateGrant that EC2 makes for the caller (or its own Decrypt), so every instance with a volume under this key stops right after start. A Deny is never edited automatically: narrow it yourself.',
    DENY_IMPLICIT: 'Nothing in the key policy allows the kms:CreateGrant that EC2 makes for the caller, and IAM cannot help. Add the least-privilege statement the job summary shows (the role, scoped to kms:ViaService ec2.<region>.amazonaws.com and kms:GrantIsForAWSResource).',
    KEY_STATE: 'The key is disabled, pending deletion or import, unavailable, has expired material, or is not a symmetric encryption key: EC2 cannot use it whatever the policy says.',
    AWS_MANAGED: 'An AWS managed key (aws/ebs) is usable by every principal of its own account.',
    CROSS_ACCOUNT_UNREADABLE: "The key belongs to another account, whose key policy cannot be read from here: its owner must allow the caller's kms:CreateGrant.",
    CANNOT_EVALUATE: 'The key policy could not be read or parsed, or an element the evaluator does not model decides the outcome: the verdict is left open rather than guessed.',
    UNRESOLVED: 'A value of the key policy (a resource attribute, a module output, "known after apply") cannot be known before deployment and decides the outcome.'
};
const KEY_FINDING_HELP = {
    EC2_DECRYPT_DENIED: "A Deny statement stops the kms:Decrypt that EC2 makes as aws:ec2-infrastructure (typically an aws:SourceVpce or aws:SourceIp condition). The job summary shows the same Deny with EC2's identity-only role exempted.",
    PRINCIPAL_ARN_FORMS_DISAGREE: "AWS documents two forms of the aws:PrincipalArn of EC2's own Decrypt, and the key policy gives them different answers: the verdict is left open.",
    ROLE_PATH_ASSUMED: "The caller's role path was not known (a session ARN drops it), so aws:PrincipalArn was judged with the role on path /. Set principal-arn to the role's full ARN."
};
const FAILURE_RULES = {
    STOPPED_AFTER_START: {
        title: 'Instance stopped right after start',
        help: 'StartInstances succeeded, then the instance went back to stopped (the silent stop), most often because a KMS key of its volumes does not let EC2 create its grant.'
    },
    START_ERROR: {
        title: 'StartInstances returned an error',
        help: 'StartInstances itself failed for the instance (permissions, state, capacity, throttling).'
    },
    STATUS_IMPAIRED: {
        title: 'Instance status check impaired',
        help: 'The instance runs but an instance or system status check is impaired: not a KMS problem.'
    },
    TIMEOUT: {
        title: 'Instance did not reach the target state in time',
        help: 'The instance did not reach wait-for within timeout-seconds.'
    }
};
const RUN_RULES = {
    RUN_PROBLEM: {
        title: 'The run could not judge everything it was asked to',
        help: 'A problem of the run itself (a glob that matched no file, a diagnosis that timed out, an error that ended the step): it fails the step.'
    },
    RUN_WARNING: {
        title: 'Something to know about the run',
        help: 'A part of the analysis could not be done (for example the IAM simulation): the step does not fail on it, but what it covers is unverified.'
    },
    POLICY_FILE_UNREADABLE: {
        title: 'Key policy file could not be read',
        help: 'A file that key-policy-files matched could not be parsed as key-policy JSON, CloudFormation or Terraform: it fails the gate, since its keys cannot be judged.'
    },
    INSTANCE_FAILED: {
        title: 'Instance did not reach the target state',
        help: 'The instance did not reach the target state for a reason the poller did not classify; its state and reason are in the job summary.'
    }
};
/** Every code a finding can carry. */
const KNOWN_CODES = [
    ...Object.keys(VERDICT_HELP),
    ...Object.keys(KEY_FINDING_HELP),
    ...Object.keys(FAILURE_RULES),
    ...Object.keys(RUN_RULES)
];
/** The rule of a finding code; a code none of the tables knows still gets a rule, named by its code. */
function findingRule(code) {
    // Every code of KNOWN_CODES has its heading (__tests__/docs/troubleshooting.test.ts).
    const helpUri = `${_links_js__WEBPACK_IMPORTED_MODULE_0__/* .TROUBLESHOOTING_URL */ .ns}#${(0,_links_js__WEBPACK_IMPORTED_MODULE_0__/* .troubleshootingAnchor */ .EB)(code)}`;
    const keyFinding = _verdicts_js__WEBPACK_IMPORTED_MODULE_1__/* .KEY_FINDINGS */ .j0[code];
    if (keyFinding) {
        const title = keyFinding.title('KMS key verdict');
        return { id: code, title, help: KEY_FINDING_HELP[code], helpUri };
    }
    const verdictHelp = VERDICT_HELP[code];
    if (verdictHelp)
        return { id: code, title: (0,_verdicts_js__WEBPACK_IMPORTED_MODULE_1__/* .verdictInfo */ .YO)(code).title, help: verdictHelp, helpUri };
    const other = FAILURE_RULES[code] ??
        RUN_RULES[code] ?? {
        title: `ec2-start-guard finding ${code}`,
        help: `See the troubleshooting section for ${code}.`
    };
    return { id: code, ...other, helpUri };
}


/***/ }),

/***/ 8485:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  writeReportSinks: () => (/* binding */ writeReportSinks)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 14 modules
var core = __webpack_require__(6288);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/version.ts
var version = __webpack_require__(311);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: ./src/report/annotations.ts
var annotations = __webpack_require__(856);
// EXTERNAL MODULE: ./src/report/finding-rules.ts
var finding_rules = __webpack_require__(1069);
// EXTERNAL MODULE: ./src/report/links.ts
var links = __webpack_require__(3303);
;// CONCATENATED MODULE: ./src/report/sarif.ts
// The findings as a SARIF 2.1.0 log, for github/codeql-action/upload-sarif (README, "SARIF"). Rendered from the
// findings model only: the level, the title and the text are the annotation's; the rule is the finding code's.




const SARIF_SCHEMA_URI = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
/** The partialFingerprints key; bump its version when what goes into the hash changes. */
const FINGERPRINT_KEY = 'ec2StartGuardFinding/v1';
const SARIF_LEVEL = { error: 'error', warning: 'warning', notice: 'note' };
/** A workspace-relative POSIX path as a relative URI reference: each segment percent-encoded. */
function pathToUri(file) {
    return file
        .replace(/\\/g, '/')
        .split('/')
        .map(segment => encodeURIComponent(segment))
        .join('/');
}
/**
 * What a finding is about, independent of its wording and its line: the key's ARN, the failed instance's ID, the
 * policy's name in its file (a Terraform address, a CloudFormation logical ID), else the file or the message.
 */
function identityOf(finding) {
    if (finding.keyArn)
        return finding.keyArn;
    if (!finding.file && finding.instances.length === 1 && finding.role === 'symptom')
        return finding.instances[0].id;
    return finding.subject ?? finding.cause;
}
/**
 * The same finding gets the same fingerprint in every run: a hash of its code, its file and its identity. Lines,
 * messages and timestamps are left out, so an edit above a statement or a reworded reason keeps the alert.
 */
function fingerprintOf(finding) {
    return (0,external_node_crypto_.createHash)('sha256')
        .update([finding.code, finding.file ?? '', identityOf(finding)].join('\u0000'))
        .digest('hex');
}
function locationOf(finding, context) {
    const file = finding.file ?? context.workflowFile;
    const location = {};
    if (file) {
        location.physicalLocation = {
            artifactLocation: { uri: pathToUri(file), uriBaseId: '%SRCROOT%' },
            region: { startLine: finding.file ? Math.max(1, finding.line ?? 1) : 1 }
        };
    }
    if (!finding.file) {
        // A live finding is about a key or an instance, not a line: name it as a logical location too.
        const name = identityOf(finding);
        const kind = finding.keyArn ? 'resource' : finding.instances.length ? 'resource' : 'module';
        location.logicalLocations = [{ fullyQualifiedName: name, kind }];
    }
    return location;
}
function buildSarif(run, context) {
    const rules = [];
    const ruleIndex = new Map();
    const results = [];
    for (const finding of run.findings) {
        let index = ruleIndex.get(finding.code);
        if (index === undefined) {
            const rule = (0,finding_rules/* findingRule */.c)(finding.code);
            index = rules.length;
            ruleIndex.set(finding.code, index);
            rules.push({
                id: rule.id,
                name: rule.id
                    .toLowerCase()
                    .split('_')
                    .map(w => w[0].toUpperCase() + w.slice(1))
                    .join(''),
                shortDescription: { text: rule.title },
                fullDescription: { text: rule.help },
                help: {
                    text: `${rule.help} See ${rule.helpUri}`,
                    markdown: `${rule.help}\n\n[Troubleshooting](${rule.helpUri})`
                },
                helpUri: rule.helpUri,
                properties: { tags: ['security', 'aws-kms', 'ec2'] }
            });
        }
        const annotation = (0,annotations/* annotationOf */.lW)(finding);
        results.push({
            ruleId: finding.code,
            ruleIndex: index,
            level: SARIF_LEVEL[finding.level],
            message: { text: `${annotation.title}. ${annotation.message}` },
            locations: [locationOf(finding, context)],
            partialFingerprints: { [FINGERPRINT_KEY]: fingerprintOf(finding) }
        });
    }
    return {
        $schema: SARIF_SCHEMA_URI,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: 'ec2-start-guard',
                        version: context.toolVersion,
                        semanticVersion: context.toolVersion,
                        informationUri: links/* TROUBLESHOOTING_URL */.ns.replace(/\/blob\/.*$/, ''),
                        rules
                    }
                },
                results
            }
        ]
    };
}
/**
 * The workflow file of this run, workspace-relative, from GITHUB_WORKFLOW_REF
 * ("owner/repo/.github/workflows/gate.yml@refs/pull/1/merge"); undefined when the runner did not set it.
 */
function workflowFileOf(env) {
    const ref = env.GITHUB_WORKFLOW_REF;
    const repo = env.GITHUB_REPOSITORY;
    if (!ref || !repo || !ref.startsWith(`${repo}/`))
        return undefined;
    const path = ref.slice(repo.length + 1).replace(/@[^@]*$/, '');
    return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path) ? path : undefined;
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:fs/promises"
var promises_ = __webpack_require__(1455);
;// CONCATENATED MODULE: ./src/report/sarif-file.ts
// Writes the SARIF log where sarif-file says, and only inside the workspace. The path was checked when the inputs
// were read; the workspace is the pull request's checkout, so a folder on the way may be a symbolic link the pull
// request added: the real folder is checked again here, and the file itself is never followed if it is a link.



function inside(root, path) {
    const rel = (0,external_node_path_.relative)(root, path);
    return rel !== '' && !rel.startsWith('..') && !(0,external_node_path_.isAbsolute)(rel);
}
/** The real path of the deepest folder of `folder` that exists: checked before any folder is created. */
async function existingAncestor(folder) {
    for (let current = folder;; current = (0,external_node_path_.dirname)(current)) {
        try {
            return await (0,promises_.realpath)(current);
        }
        catch (err) {
            if (err.code !== 'ENOENT' || (0,external_node_path_.dirname)(current) === current)
                throw err;
        }
    }
}
async function writeSarifFile(path, workspace, text) {
    const root = await (0,promises_.realpath)(workspace);
    const folder = (0,external_node_path_.dirname)(path);
    const check = (real) => {
        if (real !== root && !inside(root, real))
            throw new Error(`the folder of ${path} resolves to ${real}, outside the workspace ${root}`);
    };
    check(await existingAncestor(folder));
    await (0,promises_.mkdir)(folder, { recursive: true });
    check(await (0,promises_.realpath)(folder));
    // O_NOFOLLOW: a symbolic link in the file's place fails (ELOOP) instead of being written through.
    const handle = await (0,promises_.open)(path, external_node_fs_.constants.O_WRONLY | external_node_fs_.constants.O_CREAT | external_node_fs_.constants.O_TRUNC | external_node_fs_.constants.O_NOFOLLOW, 0o644);
    try {
        await handle.writeFile(text, 'utf8');
    }
    finally {
        await handle.close();
    }
}

// EXTERNAL MODULE: ./src/report/untrusted.ts
var untrusted = __webpack_require__(480);
;// CONCATENATED MODULE: ./src/report/sinks.ts
// Where the findings go besides the log and the job summary, when the inputs ask: a SARIF file (sarif-file) and
// one comment on the pull request (comment-on-pr). Both render the findings model; neither decides anything.






/** Writes what the inputs ask for; returns why the SARIF file could not be written, which fails the step. */
async function writeReportSinks(run, sinks, env = process.env) {
    let failure;
    const workspace = env.GITHUB_WORKSPACE || process.cwd();
    if (sinks.sarifFile) {
        const shown = (0,external_node_path_.relative)(workspace, sinks.sarifFile);
        try {
            const log = buildSarif(run, { toolVersion: version/* ACTION_VERSION */.Y, workflowFile: workflowFileOf(env) });
            await writeSarifFile(sinks.sarifFile, workspace, `${JSON.stringify(log, null, 2)}\n`);
            core/* info */.pq((0,untrusted/* neutralise */.$)(`sarif-file: ${log.runs[0].results.length} result(s) written to ${shown}`));
        }
        catch (err) {
            failure = `sarif-file: the SARIF log could not be written to ${shown}: ${err.message}`;
        }
    }
    if (sinks.prComment)
        await commentOnPullRequest(run, sinks.prComment.token, env);
    return failure;
}
async function commentOnPullRequest(run, token, env) {
    const { pullRequestOf } = await __webpack_require__.e(/* import() */ 524).then(__webpack_require__.bind(__webpack_require__, 2524));
    const found = await pullRequestOf(env);
    if ('skipped' in found) {
        core/* info */.pq((0,untrusted/* neutralise */.$)(`comment-on-pr: no comment, since ${found.skipped}.`));
        return;
    }
    const { commentMarker, renderPrComment, runUrlOf } = await __webpack_require__.e(/* import() */ 914).then(__webpack_require__.bind(__webpack_require__, 1914));
    const marker = commentMarker(env);
    const body = renderPrComment(run, marker, runUrlOf(env));
    // @actions/github (and its HTTP stack) loads only here, so the other paths' start and memory do not grow. It
    // builds @actions/http-client clients synchronously: the real client must be loaded before it is.
    await (await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 2396))).loadHttpClient();
    const { upsertComment } = await Promise.all(/* import() */[__webpack_require__.e(752), __webpack_require__.e(413), __webpack_require__.e(318)]).then(__webpack_require__.bind(__webpack_require__, 7318));
    try {
        const outcome = await upsertComment(token, found.target, marker, body, env);
        if (outcome.action === 'failed')
            core/* warning */.$e((0,untrusted/* neutralise */.$)(outcome.warning));
        else
            core/* info */.pq((0,untrusted/* neutralise */.$)(`comment-on-pr: ${outcome.action} comment ${outcome.id} on pull request #${found.target.number}`));
    }
    catch (err) {
        core/* warning */.$e((0,untrusted/* neutralise */.$)(`comment-on-pr: the comment could not be posted: ${err.message}`));
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
