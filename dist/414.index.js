export const id = 414;
export const ids = [414];
export const modules = {

/***/ 4297:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PO: () => (/* binding */ listAliases),
/* harmony export */   Pg: () => (/* binding */ putKeyPolicy),
/* harmony export */   Rx: () => (/* binding */ describeKey),
/* harmony export */   kb: () => (/* binding */ getKeyPolicy),
/* harmony export */   wo: () => (/* reexport safe */ _kms_principal_js__WEBPACK_IMPORTED_MODULE_2__.wo)
/* harmony export */ });
/* harmony import */ var _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9481);
/* harmony import */ var _errors_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9378);
/* harmony import */ var _kms_principal_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(3671);
// KMS wrappers: one DescribeKey, one GetKeyPolicy and one ListAliases per unique key; PutKeyPolicy for fix: apply.




async function describeKey(kms, keyArn) {
    const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('DescribeKey', keyArn, 'kms:DescribeKey', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.DescribeKeyCommand({ KeyId: keyArn })));
    const m = out.KeyMetadata;
    const arn = m?.Arn ?? keyArn;
    return {
        arn,
        keyId: m?.KeyId ?? (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).resource.replace(/^key\//, ''),
        accountId: m?.AWSAccountId ?? (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).accountId,
        region: (0,_kms_principal_js__WEBPACK_IMPORTED_MODULE_2__/* .arnParts */ .wo)(arn).region,
        keyManager: m?.KeyManager === 'AWS' ? 'AWS' : 'CUSTOMER',
        keyState: m?.KeyState ?? 'Unknown',
        origin: m?.Origin,
        keySpec: m?.KeySpec,
        keyUsage: m?.KeyUsage,
        multiRegion: m?.MultiRegion,
        expirationModel: m?.ExpirationModel,
        validTo: m?.ValidTo?.toISOString(),
        aliases: []
    };
}
async function getKeyPolicy(kms, keyArn) {
    const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('GetKeyPolicy', keyArn, 'kms:GetKeyPolicy', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.GetKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default' })));
    return out.Policy ?? '';
}
/** Never sets BypassPolicyLockoutSafetyCheck: KMS must keep refusing a policy that would lock the caller out. */
async function putKeyPolicy(kms, keyArn, policy) {
    await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('PutKeyPolicy', keyArn, 'kms:PutKeyPolicy', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.PutKeyPolicyCommand({ KeyId: keyArn, PolicyName: 'default', Policy: policy })));
}
async function listAliases(kms, keyId) {
    const names = [];
    let marker;
    do {
        const out = await (0,_errors_js__WEBPACK_IMPORTED_MODULE_1__/* .awsCall */ .uF)('ListAliases', keyId, 'kms:ListAliases', () => kms.send(new _aws_sdk_client_kms__WEBPACK_IMPORTED_MODULE_0__.ListAliasesCommand({ KeyId: keyId, Marker: marker })));
        for (const a of out.Aliases ?? [])
            if (a.AliasName)
                names.push(a.AliasName);
        marker = out.Truncated ? out.NextMarker : undefined;
    } while (marker);
    return names;
}


/***/ }),

/***/ 7414:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  diagnoseKeys: () => (/* binding */ diagnoseKeys)
});

// EXTERNAL MODULE: ./src/kms/access.ts + 14 modules
var access = __webpack_require__(3971);
// EXTERNAL MODULE: ./src/kms/fix.ts + 1 modules
var kms_fix = __webpack_require__(9470);
;// CONCATENATED MODULE: ./src/aws/concurrency.ts
// Bounded parallelism: at most about 8 KMS requests in flight, whatever the number of keys, so a fleet with
// 50 keys stays far inside KMS's per-account request quotas and the SDK's socket pool.
const KEY_CALL_CONCURRENCY = 8;
/** Runs calls with at most `limit` of them in flight at once; the rest wait their turn in order. */
function createLimiter(limit) {
    let active = 0;
    const waiting = [];
    return async (call) => {
        if (active >= limit)
            await new Promise(resolve => waiting.push(resolve));
        else
            active++;
        try {
            return await call();
        }
        finally {
            // Hand the slot straight to the next waiter, or free it.
            const next = waiting.shift();
            if (next)
                next();
            else
                active--;
        }
    };
}

// EXTERNAL MODULE: ./src/aws/keys.ts
var aws_keys = __webpack_require__(4297);
// EXTERNAL MODULE: ./.build/sdk/node_modules/@aws-sdk/client-ec2/index.js
var client_ec2 = __webpack_require__(4994);
// EXTERNAL MODULE: ./src/aws/errors.ts
var errors = __webpack_require__(9378);
// EXTERNAL MODULE: ./src/aws/instances.ts
var instances = __webpack_require__(6829);
;// CONCATENATED MODULE: ./src/aws/volumes.ts
// Instance -> EBS volumes -> KMS key ARNs, with one DescribeVolumes per 500 volumes.



// DescribeVolumes pages hold at most 500 volumes (how-ec2-uses-kms.md 5); the same bound keeps ID lists short.
const DESCRIBE_VOLUME_BATCH = 500;
async function describeVolumes(ec2, volumeIds) {
    const found = new Map();
    for (const batch of (0,instances/* chunk */.iv)([...new Set(volumeIds)], DESCRIBE_VOLUME_BATCH)) {
        const out = await (0,errors/* awsCall */.uF)('DescribeVolumes', (0,errors/* listResources */.U2)(batch), 'ec2:DescribeVolumes', () => ec2.send(new client_ec2.DescribeVolumesCommand({ VolumeIds: batch })));
        for (const v of out.Volumes ?? []) {
            if (!v.VolumeId)
                continue;
            found.set(v.VolumeId, {
                volumeId: v.VolumeId,
                encrypted: v.Encrypted === true,
                kmsKeyId: v.KmsKeyId,
                instanceIds: (v.Attachments ?? []).flatMap(a => (a.InstanceId ? [a.InstanceId] : []))
            });
        }
    }
    return found;
}

;// CONCATENATED MODULE: ./src/diagnosis/diagnose.ts





function collectKeyUses(targets, volumes) {
    const uses = new Map();
    const instanceKeys = new Map();
    for (const t of targets) {
        const keys = [];
        for (const volumeId of t.volumeIds) {
            const v = volumes.get(volumeId);
            if (!v?.encrypted || !v.kmsKeyId)
                continue;
            const use = uses.get(v.kmsKeyId) ?? { arn: v.kmsKeyId, instances: [], volumes: [] };
            if (!use.instances.includes(t.instanceId))
                use.instances.push(t.instanceId);
            use.volumes.push(volumeId);
            uses.set(v.kmsKeyId, use);
            if (!keys.includes(v.kmsKeyId))
                keys.push(v.kmsKeyId);
        }
        instanceKeys.set(t.instanceId, keys);
    }
    return { uses: [...uses.values()], instanceKeys };
}
async function gatherEvidence(kms, limit, use, caller) {
    const evidence = { volumeId: use.volumes[0] };
    try {
        evidence.facts = await limit(() => (0,aws_keys/* describeKey */.Rx)(kms, use.arn));
    }
    catch (err) {
        evidence.readError = err.message;
        return evidence;
    }
    const facts = evidence.facts;
    // GetKeyPolicy and ListAliases cannot cross accounts (how-ec2-uses-kms.md 4.2), and AWS managed keys need neither.
    if (facts.accountId !== caller.accountId || facts.keyManager === 'AWS')
        return evidence;
    const [policy, aliases] = await Promise.allSettled([
        limit(() => (0,aws_keys/* getKeyPolicy */.kb)(kms, facts.arn)),
        limit(() => (0,aws_keys/* listAliases */.PO)(kms, facts.keyId))
    ]);
    if (aliases.status === 'fulfilled')
        facts.aliases = aliases.value;
    if (policy.status === 'fulfilled')
        evidence.policy = policy.value;
    else
        evidence.readError = policy.reason.message;
    return evidence;
}
function verdictFor(evidence, use, caller, region) {
    if (!evidence.facts)
        return { verdict: 'CANNOT_EVALUATE', usable: false, reason: `${evidence.readError}.` };
    const verdict = (0,access/* analyzeKeyAccess */.U5)({
        key: evidence.facts,
        policy: evidence.policy,
        caller,
        region,
        volumeId: evidence.volumeId,
        instanceId: use.instances[0]
    });
    // A policy that could not be read is worth the exact call and permission that failed.
    if (verdict.verdict === 'CANNOT_EVALUATE' && evidence.readError)
        return { ...verdict, reason: `${evidence.readError}.` };
    return verdict;
}
function fixFor(verdict, iam, caller, keyArn, region, fix) {
    if (fix === 'off')
        return undefined;
    if (verdict.verdict === 'DENY_IMPLICIT') {
        return {
            target: 'key-policy',
            sid: (0,kms_fix/* fixStatementSid */.dV)(caller.principalArn),
            statement: (0,kms_fix/* buildFixStatement */.x1)(caller, region)
        };
    }
    if (verdict.verdict === 'ALLOW_IF_IAM' && (iam === 'implicitDeny' || iam === 'explicitDeny')) {
        const statement = (0,kms_fix/* buildIamFixStatement */.EB)(keyArn, region);
        return { target: 'iam-policy', sid: String(statement.Sid), statement };
    }
    return undefined;
}
async function diagnoseKeys(deps, targets, initialCaller, region, fix) {
    const warnings = [];
    let caller = initialCaller;
    const volumes = await describeVolumes(deps.ec2, targets.flatMap(t => t.volumeIds));
    const { uses, instanceKeys } = collectKeyUses(targets, volumes);
    const limit = createLimiter(KEY_CALL_CONCURRENCY);
    const gathered = await Promise.all(uses.map(use => gatherEvidence(deps.kms, limit, use, caller)));
    const verdicts = uses.map((use, i) => verdictFor(gathered[i], use, caller, region));
    const needsIam = uses.filter((_, i) => verdicts[i].verdict === 'ALLOW_IF_IAM');
    // Only a key-policy statement names the role, and a key policy must name it exactly, path included.
    const needsRolePath = caller.pathUnknown === true &&
        fix !== 'off' &&
        verdicts.some(v => v.verdict === 'DENY_IMPLICIT' || (fix === 'apply' && v.verdict === 'ALLOW_IF_IAM'));
    let simulation = new Map();
    if (needsIam.length > 0 || needsRolePath) {
        const iam = await deps.iam();
        const { resolveRolePath, simulateCreateGrant } = await Promise.all(/* import() */[__webpack_require__.e(845), __webpack_require__.e(84)]).then(__webpack_require__.bind(__webpack_require__, 1084));
        // SimulatePrincipalPolicy needs the exact role ARN too.
        if (caller.pathUnknown) {
            const resolved = await resolveRolePath(iam, caller);
            caller = resolved.caller;
            if (resolved.note)
                warnings.push(resolved.note);
        }
        if (needsIam.length > 0) {
            const now = new Date();
            const requests = needsIam.map(u => {
                const evidence = gathered[uses.indexOf(u)];
                return (0,access/* buildEc2GrantRequest */.Yh)(caller, evidence.facts?.arn ?? u.arn, region, evidence.volumeId, u.instances[0], {
                    key: evidence.facts,
                    now,
                    assumeRootPath: true
                });
            });
            const result = await simulateCreateGrant(iam, caller.principalArn, requests);
            simulation = result.decisions;
            if (result.unavailable)
                warnings.push(`The IAM side of ${needsIam.length} key(s) could not be checked: ${result.unavailable}.`);
        }
    }
    const evidence = new Map();
    const keys = uses.map((use, i) => {
        const facts = gathered[i].facts;
        const arn = facts?.arn ?? use.arn;
        evidence.set(arn, gathered[i]);
        let verdict = verdicts[i];
        let status = (0,access/* keyStatus */.c4)(verdict);
        let iamSimulation;
        if (verdict.verdict === 'ALLOW_IF_IAM') {
            iamSimulation = simulation.get(arn) ?? 'unavailable';
            ({ status, verdict } = (0,access/* combineWithIamSimulation */.oF)(verdict, iamSimulation));
        }
        return {
            arn,
            alias: facts?.aliases[0],
            manager: facts?.keyManager ?? 'unknown',
            state: facts?.keyState ?? 'unknown',
            accountId: facts?.accountId ?? (0,aws_keys/* arnParts */.wo)(arn).accountId,
            verdict,
            status,
            iamSimulation,
            instances: use.instances,
            volumes: use.volumes,
            fix: fixFor(verdict, iamSimulation, caller, arn, region, fix)
        };
    });
    // Volume key IDs are ARNs already; DescribeKey may canonicalise them, so map instances to the canonical ARN.
    for (const [instanceId, arns] of instanceKeys) {
        instanceKeys.set(instanceId, arns.map(a => keys[uses.findIndex(u => u.arn === a)]?.arn ?? a));
    }
    return { caller, keys, evidence, instanceKeys, warnings };
}


/***/ })

};
