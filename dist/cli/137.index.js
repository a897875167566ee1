export const id = 137;
export const ids = [137];
export const modules = {

/***/ 5861:
/***/ ((__unused_webpack_module, exports, __webpack_require__) => {

var __webpack_unused_export__;
const { ENV_KEY, ENV_SECRET, fromEnv } = __webpack_require__(5606);
const { chain, CredentialsProviderError, ENV_PROFILE } = __webpack_require__(7291);

const ENV_IMDS_DISABLED = "AWS_EC2_METADATA_DISABLED";
const remoteProvider = async (init) => {
    const { ENV_CMDS_FULL_URI, ENV_CMDS_RELATIVE_URI, fromContainerMetadata, fromInstanceMetadata } = __webpack_require__(566);
    if (process.env[ENV_CMDS_RELATIVE_URI] || process.env[ENV_CMDS_FULL_URI]) {
        init.logger?.debug("@aws-sdk/credential-provider-node - remoteProvider::fromHttp/fromContainerMetadata");
        const { fromHttp } = __webpack_require__(8605);
        return chain(fromHttp(init), fromContainerMetadata(init));
    }
    if (process.env[ENV_IMDS_DISABLED] && process.env[ENV_IMDS_DISABLED] !== "false") {
        return async () => {
            throw new CredentialsProviderError("EC2 Instance Metadata Service access disabled", { logger: init.logger });
        };
    }
    init.logger?.debug("@aws-sdk/credential-provider-node - remoteProvider::fromInstanceMetadata");
    return fromInstanceMetadata(init);
};

function memoizeChain(providers, treatAsExpired) {
    const chain = internalCreateChain(providers);
    let activeLock;
    let passiveLock;
    let credentials;
    let forceRefreshLock;
    const provider = async (options) => {
        if (options?.forceRefresh) {
            if (!forceRefreshLock) {
                forceRefreshLock = chain(options)
                    .then((c) => {
                    credentials = c;
                })
                    .finally(() => {
                    forceRefreshLock = undefined;
                });
            }
            await forceRefreshLock;
            return credentials;
        }
        if (credentials?.expiration) {
            if (credentials?.expiration?.getTime() < Date.now()) {
                credentials = undefined;
            }
        }
        if (activeLock) {
            await activeLock;
        }
        else if (!credentials || treatAsExpired?.(credentials)) {
            if (credentials) {
                if (!passiveLock) {
                    passiveLock = chain(options)
                        .then((c) => {
                        credentials = c;
                    })
                        .catch(() => {
                    })
                        .finally(() => {
                        passiveLock = undefined;
                    });
                }
            }
            else {
                activeLock = chain(options)
                    .then((c) => {
                    credentials = c;
                })
                    .finally(() => {
                    activeLock = undefined;
                });
                return provider(options);
            }
        }
        return credentials;
    };
    return provider;
}
const internalCreateChain = (providers) => async (awsIdentityProperties) => {
    let lastProviderError;
    for (const provider of providers) {
        try {
            return await provider(awsIdentityProperties);
        }
        catch (err) {
            lastProviderError = err;
            if (err?.tryNextLink) {
                continue;
            }
            throw err;
        }
    }
    throw lastProviderError;
};

let multipleCredentialSourceWarningEmitted = false;
const defaultProvider = (init = {}) => memoizeChain([
    async () => {
        const profile = init.profile ?? process.env[ENV_PROFILE];
        if (profile) {
            const envStaticCredentialsAreSet = process.env[ENV_KEY] && process.env[ENV_SECRET];
            if (envStaticCredentialsAreSet) {
                if (!multipleCredentialSourceWarningEmitted) {
                    const warnFn = init.logger?.warn && init.logger?.constructor?.name !== "NoOpLogger"
                        ? init.logger.warn.bind(init.logger)
                        : console.warn;
                    warnFn(`@aws-sdk/credential-provider-node - defaultProvider::fromEnv WARNING:
    Multiple credential sources detected: 
    Both AWS_PROFILE and the pair AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY static credentials are set.
    This SDK will proceed with the AWS_PROFILE value.
    
    However, a future version may change this behavior to prefer the ENV static credentials.
    Please ensure that your environment only sets either the AWS_PROFILE or the
    AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY pair.
`);
                    multipleCredentialSourceWarningEmitted = true;
                }
            }
            throw new CredentialsProviderError("AWS_PROFILE is set, skipping fromEnv provider.", {
                logger: init.logger,
                tryNextLink: true,
            });
        }
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromEnv");
        return fromEnv(init)();
    },
    async (awsIdentityProperties) => {
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromSSO");
        const { ssoStartUrl, ssoAccountId, ssoRegion, ssoRoleName, ssoSession } = init;
        if (!ssoStartUrl && !ssoAccountId && !ssoRegion && !ssoRoleName && !ssoSession) {
            throw new CredentialsProviderError("Skipping SSO provider in default chain (inputs do not include SSO fields).", { logger: init.logger });
        }
        const { fromSSO } = __webpack_require__(998);
        return fromSSO(init)(awsIdentityProperties);
    },
    async (awsIdentityProperties) => {
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromIni");
        const { fromIni } = __webpack_require__(5869);
        return fromIni(init)(awsIdentityProperties);
    },
    async (awsIdentityProperties) => {
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromProcess");
        const { fromProcess } = __webpack_require__(5360);
        return fromProcess(init)(awsIdentityProperties);
    },
    async (awsIdentityProperties) => {
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::fromTokenFile");
        const { fromTokenFile } = __webpack_require__(9956);
        return fromTokenFile(init)(awsIdentityProperties);
    },
    async () => {
        init.logger?.debug("@aws-sdk/credential-provider-node - defaultProvider::remoteProvider");
        return (await remoteProvider(init))();
    },
    async () => {
        throw new CredentialsProviderError("Could not load credentials from any providers", {
            tryNextLink: false,
            logger: init.logger,
        });
    },
], credentialsTreatedAsExpired);
const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;
const credentialsTreatedAsExpired = (credentials) => credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < 300000;

__webpack_unused_export__ = credentialsTreatedAsExpired;
__webpack_unused_export__ = credentialsWillNeedRefresh;
exports.v6 = defaultProvider;


/***/ }),

/***/ 4994:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   DescribeInstanceStatusCommand: () => (/* binding */ DescribeInstanceStatusCommand),
/* harmony export */   DescribeInstancesCommand: () => (/* binding */ DescribeInstancesCommand),
/* harmony export */   DescribeVolumesCommand: () => (/* binding */ DescribeVolumesCommand),
/* harmony export */   EC2Client: () => (/* binding */ EC2Client),
/* harmony export */   StartInstancesCommand: () => (/* binding */ StartInstancesCommand),
/* harmony export */   StopInstancesCommand: () => (/* binding */ StopInstancesCommand),
/* harmony export */   paginateDescribeInstances: () => (/* binding */ paginateDescribeInstances)
/* harmony export */ });
/* harmony import */ var _aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5152);
/* harmony import */ var _smithy_core__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(402);
/* harmony import */ var _smithy_core_client__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2658);
/* harmony import */ var _smithy_core_config__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(7291);
/* harmony import */ var _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2085);
/* harmony import */ var _smithy_core_protocols__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(3422);
/* harmony import */ var _smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(3609);
/* harmony import */ var _smithy_core_schema__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(6890);
/* harmony import */ var _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(7523);
/* harmony import */ var _aws_sdk_credential_provider_node__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(5861);
/* harmony import */ var _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(2430);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(1279);
/* harmony import */ var _aws_sdk_core_protocols__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(7288);
/* harmony import */ var _smithy_core_checksum__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(9542);
// @aws-sdk/client-ec2 3.1164.0, cut down by scripts/sdk-subset.mjs to: DescribeInstanceStatusCommand, DescribeInstancesCommand, DescribeVolumesCommand, EC2Client, StartInstancesCommand, StopInstancesCommand, paginateDescribeInstances.
// node_modules/@aws-sdk/client-ec2/dist-es/EC2Client.js









// node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthSchemeProvider.js


var defaultEC2HttpAuthSchemeParametersProvider = async (config, context, input) => {
  return {
    operation: (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.getSmithyContext)(context).operation,
    region: await (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.normalizeProvider)(config.region)() || (() => {
      throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
    })()
  };
};
function createAwsAuthSigv4HttpAuthOption(authParameters) {
  return {
    schemeId: "aws.auth#sigv4",
    signingProperties: {
      name: "ec2",
      region: authParameters.region
    },
    propertiesExtractor: (config, context) => ({
      signingProperties: {
        config,
        context
      }
    })
  };
}
var defaultEC2HttpAuthSchemeProvider = (authParameters) => {
  const options = [];
  switch (authParameters.operation) {
    default: {
      options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
    }
  }
  return options;
};
var resolveHttpAuthSchemeConfig = (config) => {
  const config_0 = (0,_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_1__.resolveAwsSdkSigV4Config)(config);
  return Object.assign(config_0, {
    authSchemePreference: (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.normalizeProvider)(config.authSchemePreference ?? [])
  });
};

// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/EndpointParameters.js
var resolveClientEndpointParameters = (options) => {
  return Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    defaultSigningName: "ec2"
  });
};
var commonParams = {
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
};

// node_modules/@aws-sdk/client-ec2/package.json
var package_default = {
  name: "@aws-sdk/client-ec2",
  version: "3.1164.0",
  description: "AWS SDK for JavaScript Ec2 Client for Node.js, Browser and React Native",
  homepage: "https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-ec2",
  license: "Apache-2.0",
  author: {
    name: "AWS SDK for JavaScript Team",
    url: "https://aws.amazon.com/sdk-for-javascript/"
  },
  repository: {
    type: "git",
    url: "https://github.com/aws/aws-sdk-js-v3.git",
    directory: "clients/client-ec2"
  },
  files: [
    "dist-*/**"
  ],
  sideEffects: false,
  main: "./dist-cjs/index.js",
  module: "./dist-es/index.js",
  browser: {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.browser"
  },
  types: "./dist-types/index.d.ts",
  typesVersions: {
    "<4.5": {
      "dist-types/*": [
        "dist-types/ts3.4/*"
      ]
    }
  },
  "react-native": {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.native"
  },
  scripts: {
    build: "concurrently 'yarn:build:types' 'yarn:build:es' && yarn build:cjs",
    "build:cjs": "node ../../scripts/compilation/inline",
    "build:es": "premove dist-es && tsc -p tsconfig.es.json",
    "build:include:deps": 'yarn g:turbo run build -F="$npm_package_name"',
    "build:types": "premove dist-types && tsc -p tsconfig.types.json",
    "build:types:downlevel": "downlevel-dts dist-types dist-types/ts3.4",
    clean: "premove dist-cjs dist-es dist-types",
    "extract:docs": "api-extractor run --local",
    "generate:client": "node ../../scripts/generate-clients/single-service",
    test: "yarn g:vitest run --passWithNoTests",
    "test:watch": "yarn g:vitest watch --passWithNoTests",
    "test:integration": "yarn g:vitest run --passWithNoTests -c vitest.config.integ.mts",
    "test:integration:watch": "yarn g:vitest watch --passWithNoTests -c vitest.config.integ.mts",
    "test:e2e": "yarn g:vitest run -c vitest.config.e2e.mts",
    "test:e2e:watch": "yarn g:vitest watch -c vitest.config.e2e.mts",
    "test:index": "tsc -p tsconfig.test.json && node ./test/index-objects.spec.mjs"
  },
  dependencies: {
    "@aws-sdk/core": "^3.980.1",
    "@aws-sdk/credential-provider-node": "^3.972.94",
    "@aws-sdk/middleware-sdk-ec2": "^3.972.70",
    "@aws-sdk/types": "^3.975.0",
    "@smithy/core": "^3.38.0",
    "@smithy/fetch-http-handler": "^5.8.0",
    "@smithy/node-http-handler": "^4.14.0",
    "@smithy/types": "^4.19.0",
    tslib: "^2.6.2"
  },
  devDependencies: {
    "@smithy/snapshot-testing": "^2.4.0",
    "@tsconfig/node20": "20.1.8",
    "@types/node": "^20.14.8",
    concurrently: "7.0.0",
    "downlevel-dts": "0.10.1",
    premove: "4.0.0",
    typescript: "~7.0.2",
    vitest: "^4.0.17"
  },
  engines: {
    node: ">=20.0.0"
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.js









// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.shared.js







// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/endpointResolver.js



// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/bdd.js

var k = "ref";
var a = -1;
var b = true;
var c = "isSet";
var d = "PartitionResult";
var e = "booleanEquals";
var f = "getAttr";
var g = { [k]: "Endpoint" };
var h = { [k]: d };
var i = {};
var j = [{ [k]: "Region" }];
var _data = {
  conditions: [
    [c, [g]],
    [c, j],
    ["aws.partition", j, d],
    [e, [{ [k]: "UseFIPS" }, b]],
    [e, [{ [k]: "UseDualStack" }, b]],
    [e, [{ fn: f, argv: [h, "supportsDualStack"] }, b]],
    [e, [{ fn: f, argv: [h, "supportsFIPS"] }, b]],
    ["stringEquals", [{ fn: f, argv: [h, "name"] }, "aws-us-gov"]]
  ],
  results: [
    [a],
    [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
    [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
    [g, i],
    ["https://ec2-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
    [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
    ["https://ec2.{Region}.amazonaws.com", i],
    ["https://ec2-fips.{Region}.{PartitionResult#dnsSuffix}", i],
    [a, "FIPS is enabled but this partition does not support FIPS"],
    ["https://ec2.{Region}.{PartitionResult#dualStackDnsSuffix}", i],
    [a, "DualStack is enabled but this partition does not support DualStack"],
    ["https://ec2.{Region}.{PartitionResult#dnsSuffix}", i],
    [a, "Invalid Configuration: Missing Region"]
  ]
};
var root = 2;
var r = 1e8;
var nodes = new Int32Array([
  -1,
  1,
  -1,
  0,
  13,
  3,
  1,
  4,
  r + 12,
  2,
  5,
  r + 12,
  3,
  8,
  6,
  4,
  7,
  r + 11,
  5,
  r + 9,
  r + 10,
  4,
  11,
  9,
  6,
  10,
  r + 8,
  7,
  r + 6,
  r + 7,
  5,
  12,
  r + 5,
  6,
  r + 4,
  r + 5,
  3,
  r + 1,
  14,
  4,
  r + 2,
  r + 3
]);
var bdd = _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

// node_modules/@aws-sdk/client-ec2/dist-es/endpoint/endpointResolver.js
var cache = new _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.EndpointCache({
  size: 50,
  params: ["Endpoint", "Region", "UseDualStack", "UseFIPS"]
});
var defaultEndpointResolver = (endpointParams, context = {}) => {
  return cache.get(endpointParams, () => (0,_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.decideEndpoint)(bdd, {
    endpointParams,
    logger: context.logger
  }));
};
_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.customEndpointFunctions.aws = _aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.awsEndpointFunctions;

// node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js


// node_modules/@aws-sdk/client-ec2/dist-es/models/EC2ServiceException.js

var EC2ServiceException = class _EC2ServiceException extends _smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.ServiceException {
  static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.ec2#EC2ServiceException";
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, _EC2ServiceException.prototype);
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/schemas/schemas_0.js
var _AC = "AcceleratorCount";
var _ACR = "AcceleratorCountRequest";
var _AES = "AttachedEbsStatus";
var _AHR = "AllocateHostsRequest";
var _AIT = "AllowedInstanceTypes";
var _AITS = "AllowedInstanceTypeSet";
var _AITl = "AllowedInstanceType";
var _AId = "AdditionalInfo";
var _AIss = "AssetIds";
var _AIsse = "AssetId";
var _AItt = "AttachmentId";
var _ALI = "AmiLaunchIndex";
var _AMAI = "AddMiddleboxAttachmentIds";
var _AMAId = "AddMiddleboxAttachmentId";
var _AMSc = "AcceleratorManufacturerSet";
var _AMc = "AcceleratorManufacturers";
var _AMcc = "AcceleratorManufacturer";
var _ANSc = "AcceleratorNameSet";
var _ANcc = "AcceleratorNames";
var _ANcce = "AcceleratorName";
var _APu = "AutoPlacement";
var _ARss = "AssociatedResource";
var _ARuto = "AutoRecovery";
var _AS = "ApplicationStatus";
var _ASS = "ApplicationStatusSummary";
var _ASSm = "AmdSevSnp";
var _ATMMB = "AcceleratorTotalMemoryMiB";
var _ATMMBR = "AcceleratorTotalMemoryMiBRequest";
var _ATSc = "AcceleratorTypeSet";
var _ATSr = "ArchitectureTypeSet";
var _ATc = "AcceleratorTypes";
var _ATcc = "AcceleratorType";
var _ATr = "ArchitectureTypes";
var _ATrc = "ArchitectureType";
var _ATtt = "AttachTime";
var _AZ = "AvailabilityZone";
var _AZI = "AvailabilityZoneId";
var _Af = "Affinity";
var _Ar = "Arn";
var _Arc = "Architecture";
var _Ass = "Association";
var _Att = "Attachment";
var _Atta = "Attachments";
var _BDMl = "BlockDeviceMappings";
var _BEBM = "BaselineEbsBandwidthMbps";
var _BEBMR = "BaselineEbsBandwidthMbpsRequest";
var _BM = "BootMode";
var _BMa = "BareMetal";
var _BP = "BurstablePerformance";
var _BPF = "BaselinePerformanceFactors";
var _BPFR = "BaselinePerformanceFactorsRequest";
var _BW = "BandwidthWeighting";
var _CBI = "CapacityBlockId";
var _CCor = "CoreCount";
var _CGI = "CarrierGatewayId";
var _CGIa = "CarrierGatewayIds";
var _CI = "CarrierIp";
var _CIBM = "CurrentInstanceBootMode";
var _CM = "CpuManufacturers";
var _CMSp = "CpuManufacturerSet";
var _CMp = "CpuManufacturer";
var _CO = "CpuOptions";
var _COI = "CustomerOwnedIp";
var _CPFR = "CpuPerformanceFactorRequest";
var _CRI = "CapacityReservationId";
var _CRP = "CapacityReservationPreference";
var _CRRGA = "CapacityReservationResourceGroupArn";
var _CRSR = "CapacityReservationSpecificationResponse";
var _CRSa = "CapacityReservationSpecification";
var _CRT = "CapacityReservationTarget";
var _CRTR = "CapacityReservationTargetResponse";
var _CSu = "CurrentState";
var _CT = "ClientToken";
var _CTC = "ConnectionTrackingConfiguration";
var _CTGMPR = "CreateTransitGatewayMeteringPolicyRequest";
var _CTR = "CreateTagsRequest";
var _CTSRo = "ConnectionTrackingSpecificationResponse";
var _CTre = "CreateTime";
var _Co = "Code";
var _Conf = "Configured";
var _Cp = "Cpu";
var _DCB = "DestinationCidrBlock";
var _DCGRes = "DescribeCarrierGatewaysRequest";
var _DFR = "DeleteFleetsRequest";
var _DFRes = "DescribeFleetsRequest";
var _DI = "DeviceIndex";
var _DIRR = "DescribeImageReferencesRequest";
var _DIRescr = "DescribeInstancesRequest";
var _DIRescri = "DescribeInstancesResult";
var _DISRes = "DescribeInstanceStatusRequest";
var _DISResc = "DescribeInstanceStatusResult";
var _DISes = "DescribeInstanceStatus";
var _DITR = "DescribeInstanceTopologyRequest";
var _DITRes = "DescribeInstanceTypesRequest";
var _DIURER = "DescribeImageUsageReportEntriesRequest";
var _DIURRes = "DescribeImageUsageReportsRequest";
var _DIesc = "DescribeInstances";
var _DN = "DeviceName";
var _DNIPRescr = "DescribeNetworkInterfacePermissionsRequest";
var _DOT = "DeleteOnTermination";
var _DPGRe = "DescribePlacementGroupsRequest";
var _DPRe = "DestinationPortRange";
var _DR = "DryRun";
var _DRIOR = "DescribeReservedInstancesOfferingsRequest";
var _DRSERes = "DescribeRouteServerEndpointsRequest";
var _DRSPRes = "DescribeRouteServerPeersRequest";
var _DRSRes = "DescribeRouteServersRequest";
var _DSPHR = "DescribeSpotPriceHistoryRequest";
var _DSRes = "DescribeSnapshotsRequest";
var _DTGAR = "DescribeTransitGatewayAttachmentsRequest";
var _DTGCRes = "DescribeTransitGatewayConnectsRequest";
var _DTGPARes = "DescribeTransitGatewayPeeringAttachmentsRequest";
var _DTGVARes = "DescribeTransitGatewayVpcAttachmentsRequest";
var _DTR = "DeleteTagsRequest";
var _DVRes = "DescribeVolumesRequest";
var _DVResc = "DescribeVolumesResult";
var _DVes = "DescribeVolumes";
var _De = "Description";
var _Det = "Details";
var _Dev = "Device";
var _ECI = "EbsCardIndex";
var _EGA = "ElasticGpuAssociation";
var _EGAI = "ElasticGpuAssociationId";
var _EGAL = "ElasticGpuAssociationList";
var _EGAS = "ElasticGpuAssociationState";
var _EGAT = "ElasticGpuAssociationTime";
var _EGAl = "ElasticGpuAssociations";
var _EGIl = "ElasticGpuId";
var _EIAA = "ElasticInferenceAcceleratorAssociation";
var _EIAAI = "ElasticInferenceAcceleratorAssociationId";
var _EIAAL = "ElasticInferenceAcceleratorAssociationList";
var _EIAAS = "ElasticInferenceAcceleratorAssociationState";
var _EIAAT = "ElasticInferenceAcceleratorAssociationTime";
var _EIAAl = "ElasticInferenceAcceleratorArn";
var _EIAAla = "ElasticInferenceAcceleratorAssociations";
var _EIBD = "EbsInstanceBlockDevice";
var _EITSx = "ExcludedInstanceTypeSet";
var _EITxc = "ExcludedInstanceTypes";
var _EITxcl = "ExcludedInstanceType";
var _EO = "EbsOptimized";
var _EOn = "EnclaveOptions";
var _EQC = "EnaQueueCount";
var _ERNDAAAAR = "EnableResourceNameDnsAAAARecord";
var _ERNDAR = "EnableResourceNameDnsARecord";
var _ESD = "EbsStatusDetails";
var _ESDL = "EbsStatusDetailsList";
var _ESE = "EnaSrdEnabled";
var _ESS = "EnaSrdSpecification";
var _ESSb = "EbsStatusSummary";
var _ESUE = "EnaSrdUdpEnabled";
var _ESUS = "EnaSrdUdpSpecification";
var _ESna = "EnaSupport";
var _ETnd = "EndTime";
var _Eb = "Ebs";
var _En = "Enabled";
var _Enc = "Encrypted";
var _Ev = "Events";
var _F = "Force";
var _FIl = "FleetId";
var _FIle = "FleetIds";
var _FLi = "FilterList";
var _FP = "FromPort";
var _FRa = "FastRestored";
var _Fi = "Filters";
var _Fil = "Filter";
var _G = "Groups";
var _GIL = "GroupIdentifierList";
var _GIr = "GroupId";
var _GIro = "GroupIds";
var _GIrou = "GroupIdentifier";
var _GN = "GroupName";
var _GNr = "GroupNames";
var _GSPSR = "GetSpotPlacementScoresRequest";
var _HBD = "HiddenByDefault";
var _HCOR = "HostCpuOptionsRequest";
var _HE = "HttpEndpoint";
var _HIo = "HostId";
var _HM = "HostMaintenance";
var _HO = "HibernationOptions";
var _HPI = "HttpProtocolIpv6";
var _HPRHL = "HttpPutResponseHopLimit";
var _HR = "HostRecovery";
var _HRGA = "HostResourceGroupArn";
var _HT = "HttpTokens";
var _HTo = "HostnameType";
var _Hi = "Hibernate";
var _Hy = "Hypervisor";
var _I = "Id";
var _IA = "Ipv6Addresses";
var _IAESS = "InstanceAttachmentEnaSrdSpecification";
var _IAESUS = "InstanceAttachmentEnaSrdUdpSpecification";
var _IAI = "IncludeAllInstances";
var _IART = "IncludeAllResourceTypes";
var _IApv = "Ipv6Address";
var _IBDM = "InstanceBlockDeviceMapping";
var _IBDML = "InstanceBlockDeviceMappingList";
var _IEI = "InstanceEventId";
var _IF = "InstanceFamily";
var _IGS = "InstanceGenerationSet";
var _IGns = "InstanceGenerations";
var _IGnst = "InstanceGeneration";
var _II = "InstanceId";
var _IIA = "InstanceIpv6Address";
var _IIAL = "InstanceIpv6AddressList";
var _IIP = "IamInstanceProfile";
var _IIPL = "InstanceIpv4PrefixList";
var _IIPLn = "InstanceIpv6PrefixList";
var _IIPn = "InstanceIpv4Prefix";
var _IIPns = "InstanceIpv6Prefix";
var _IISLn = "InstanceIdStringList";
var _IIm = "ImageId";
var _IIma = "ImageIds";
var _IIn = "InstanceIds";
var _ILZ = "IncludeLocalZones";
var _ILn = "InstanceLifecycle";
var _ILns = "InstanceList";
var _IM = "IncludeMarketplace";
var _IMO = "InstanceMaintenanceOptions";
var _IMORnst = "InstanceMetadataOptionsResponse";
var _IMR = "IncludeManagedResources";
var _IMT = "InstanceMetadataTags";
var _INI = "InstanceNetworkInterface";
var _INIA = "InstanceNetworkInterfaceAssociation";
var _INIAn = "InstanceNetworkInterfaceAttachment";
var _INIL = "InstanceNetworkInterfaceList";
var _INPO = "InstanceNetworkPerformanceOptions";
var _IOI = "IpOwnerId";
var _IOS = "InstanceOwningService";
var _IPIA = "InstancePrivateIpAddress";
var _IPIAL = "InstancePrivateIpAddressList";
var _IPIs = "IsPrimaryIpv6";
var _IPp = "Ipv6Prefixes";
var _IPpv = "Ipv6Prefix";
var _IPpvr = "Ipv4Prefixes";
var _IPpvre = "Ipv4Prefix";
var _IR = "InstanceRequirements";
var _IRR = "InstanceRequirementsRequest";
var _IRWM = "InstanceRequirementsWithMetadata";
var _IRWMR = "InstanceRequirementsWithMetadataRequest";
var _ISC = "InstanceStateChange";
var _ISCL = "InstanceStateChangeList";
var _ISDL = "InstanceStatusDetailsList";
var _ISDn = "InstanceStatusDetails";
var _ISE = "InstanceStatusEvent";
var _ISEL = "InstanceStatusEventList";
var _ISIA = "InstanceSecondaryInterfaceAttachment";
var _ISIL = "InstanceSecondaryInterfaceList";
var _ISIPIA = "InstanceSecondaryInterfacePrivateIpAddress";
var _ISIPIAL = "InstanceSecondaryInterfacePrivateIpAddressList";
var _ISIn = "InstanceSecondaryInterface";
var _ISLn = "InstanceStatusList";
var _ISS = "InstanceStatusSummary";
var _ISm = "ImpairedSince";
var _ISnst = "InstanceStatuses";
var _ISnsta = "InstanceState";
var _ISnstan = "InstanceStatus";
var _IT = "InstanceType";
var _ITns = "InstanceTenancy";
var _ITnst = "InstanceTypes";
var _ITnt = "InterfaceType";
var _IUIR = "IncludeUnsupportedInRegion";
var _In = "Instance";
var _Ins = "Instances";
var _Io = "Iops";
var _K = "Key";
var _KI = "KernelId";
var _KKI = "KmsKeyId";
var _KN = "KeyName";
var _LCA = "LicenseConfigurationArn";
var _LCi = "LicenseConfiguration";
var _LL = "LicenseList";
var _LST = "LocalStorageTypes";
var _LSTS = "LocalStorageTypeSet";
var _LSTo = "LocalStorageType";
var _LSo = "LocalStorage";
var _LTau = "LaunchTime";
var _Lic = "Licenses";
var _M = "Min";
var _MAE = "MultiAttachEnabled";
var _MAIi = "MiddleboxAttachmentIds";
var _MAIid = "MiddleboxAttachmentId";
var _MAa = "MacAddress";
var _MD = "MaxDuration";
var _MDi = "MinDuration";
var _MGBPVC = "MemoryGiBPerVCpu";
var _MGBPVCR = "MemoryGiBPerVCpuRequest";
var _MIC = "MaxInstanceCount";
var _MMB = "MemoryMiB";
var _MMBR = "MemoryMiBRequest";
var _MO = "MetadataOptions";
var _MOa = "MaintenanceOptions";
var _MR = "MaxResults";
var _MSPAPOOODP = "MaxSpotPriceAsPercentageOfOptimalOnDemandPrice";
var _MTGMPR = "ModifyTransitGatewayMeteringPolicyRequest";
var _MTMFRR = "ModifyTrafficMirrorFilterRuleRequest";
var _MTMSR = "ModifyTrafficMirrorSessionRequest";
var _Ma = "Max";
var _Mana = "Managed";
var _Me = "Message";
var _Mon = "Monitoring";
var _N = "Name";
var _NAo = "NotAfter";
var _NB = "NotBefore";
var _NBD = "NotBeforeDeadline";
var _NBGR = "NetworkBandwidthGbpsRequest";
var _NBGe = "NetworkBandwidthGbps";
var _NCI = "NetworkCardIndex";
var _NIC = "NetworkInterfaceCount";
var _NICR = "NetworkInterfaceCountRequest";
var _NII = "NetworkInterfaceId";
var _NIPIe = "NetworkInterfacePermissionId";
var _NIPIetw = "NetworkInterfacePermissionIds";
var _NIet = "NetworkInterfaces";
var _NPO = "NetworkPerformanceOptions";
var _NTe = "NextToken";
var _NV = "NestedVirtualization";
var _OA = "OutpostArn";
var _OC = "OfferingClass";
var _ODMPPOLP = "OnDemandMaxPricePercentageOverLowestPrice";
var _OI = "OwnerId";
var _OIw = "OwnerIds";
var _ON = "OptionName";
var _ORper = "OperatorResponse";
var _OSL = "OwnerStringList";
var _OTf = "OfferingType";
var _OV = "OptionValues";
var _OVp = "OptionValue";
var _Op = "Operator";
var _Own = "Owner";
var _P = "Principal";
var _PCIr = "ProductCodeId";
var _PCLr = "ProductCodeList";
var _PCT = "ProductCodeType";
var _PCr = "ProductCode";
var _PCro = "ProductCodes";
var _PDN = "PrivateDnsName";
var _PDNO = "PrivateDnsNameOptions";
var _PDNORr = "PrivateDnsNameOptionsResponse";
var _PDNub = "PublicDnsName";
var _PDl = "PlatformDetails";
var _PDr = "ProductDescription";
var _PDro = "ProductDescriptions";
var _PFRR = "PerformanceFactorReferenceRequest";
var _PFRSR = "PerformanceFactorReferenceSetRequest";
var _PGISL = "PlacementGroupIdStringList";
var _PI = "PublicIp";
var _PIAr = "PrivateIpAddress";
var _PIAri = "PrivateIpAddresses";
var _PIAu = "PublicIpAddress";
var _PLa = "PacketLength";
var _PN = "PartitionNumber";
var _PSS = "PerformanceStatusSummary";
var _PSe = "PerformanceStatus";
var _PSr = "PreviousState";
var _Pl = "Platform";
var _Pla = "Placement";
var _Pr = "Protocol";
var _Prim = "Primary";
var _Q = "Quantity";
var _RA = "RuleAction";
var _RBUI = "RestorableByUserIds";
var _RBe = "RestorableBy";
var _RDN = "RootDeviceName";
var _RDT = "RootDeviceType";
var _REIT = "RequireEncryptionInTransit";
var _RF = "RemoveFields";
var _RFe = "RemoveField";
var _RHS = "RequireHibernateSupport";
var _RI = "ReportId";
var _RIOI = "ReservedInstancesOfferingIds";
var _RIOIe = "ReservedInstancesOfferingId";
var _RIa = "RamdiskId";
var _RIe = "ReservationId";
var _RIep = "ReportIds";
var _RIeq = "RequesterId";
var _RIeso = "ResourceId";
var _RLe = "ReservationList";
var _RMAI = "RemoveMiddleboxAttachmentIds";
var _RMAIe = "RemoveMiddleboxAttachmentId";
var _RMe = "RebootMigration";
var _RN = "RegionName";
var _RNe = "RegionNames";
var _RNu = "RuleNumber";
var _RSEI = "RouteServerEndpointId";
var _RSEIo = "RouteServerEndpointIds";
var _RSI = "RouteServerId";
var _RSIo = "RouteServerIds";
var _RSPI = "RouteServerPeerId";
var _RSPIo = "RouteServerPeerIds";
var _RTO = "ResourceTypeOptions";
var _RTOL = "ResourceTypeOptionList";
var _RTOe = "ResourceTypeOption";
var _RTRL = "ResourceTypeRequestList";
var _RTRe = "ResourceTypeRequest";
var _RTe = "ResourceType";
var _RTes = "ResourceTypes";
var _Ref = "References";
var _Refe = "Reference";
var _Reme = "Remediation";
var _Res = "Resources";
var _Rese = "Reservations";
var _Reser = "Reservation";
var _SAZ = "SingleAvailabilityZone";
var _SCB = "SourceCidrBlock";
var _SDC = "SourceDestCheck";
var _SDp = "SpreadDomain";
var _SGe = "SecurityGroups";
var _SIIec = "SecondaryInterfaceId";
var _SIRI = "SpotInstanceRequestId";
var _SIRt = "StartInstancesRequest";
var _SIRta = "StartInstancesResult";
var _SIRto = "StopInstancesRequest";
var _SIRtop = "StopInstancesResult";
var _SISL = "SnapshotIdStringList";
var _SIec = "SecondaryInterfaces";
var _SIn = "SnapshotId";
var _SIna = "SnapshotIds";
var _SIt = "StartingInstances";
var _SIta = "StartInstances";
var _SIto = "StoppingInstances";
var _SItop = "StopInstances";
var _SIu = "SubnetId";
var _SMPPOLP = "SpotMaxPricePercentageOverLowestPrice";
var _SNI = "SecondaryNetworkId";
var _SNS = "SriovNetSupport";
var _SNes = "SessionNumber";
var _SOS = "SkipOsShutdown";
var _SPRo = "SourcePortRange";
var _SRt = "StateReason";
var _SSIe = "SecondarySubnetId";
var _SSy = "SystemStatus";
var _STR = "StateTransitionReason";
var _STs = "SseType";
var _STt = "StartTime";
var _SVI = "SourceVolumeId";
var _Siz = "Size";
var _St = "State";
var _Sta = "Status";
var _T = "Tags";
var _TCUT = "TargetCapacityUnitType";
var _TCar = "TargetCapacity";
var _TD = "TrafficDirection";
var _TET = "TcpEstablishedTimeout";
var _TGAIr = "TransitGatewayAttachmentIds";
var _TGI = "TransitGatewayId";
var _TGMPI = "TransitGatewayMeteringPolicyId";
var _TI = "TerminateInstances";
var _TL = "TagList";
var _TLSGB = "TotalLocalStorageGB";
var _TLSGBR = "TotalLocalStorageGBRequest";
var _TMFI = "TrafficMirrorFilterId";
var _TMFRI = "TrafficMirrorFilterRuleId";
var _TMPRR = "TrafficMirrorPortRangeRequest";
var _TMSI = "TrafficMirrorSessionId";
var _TMTI = "TrafficMirrorTargetId";
var _TP = "ToPort";
var _TPC = "ThreadsPerCore";
var _TS = "TagSpecifications";
var _TSL = "TagSpecificationList";
var _TSa = "TagSpecification";
var _TSp = "TpmSupport";
var _Ta = "Tag";
var _Te = "Tenancy";
var _Th = "Throughput";
var _UO = "UsageOperation";
var _UOUT = "UsageOperationUpdateTime";
var _UST = "UdpStreamTimeout";
var _UTd = "UdpTimeout";
var _V = "Value";
var _VALo = "VolumeAttachmentList";
var _VAo = "VolumeArn";
var _VAol = "VolumeAttachment";
var _VCC = "VCpuCount";
var _VCCRR = "VCpuCountRangeRequest";
var _VI = "VpcId";
var _VIR = "VolumeInitializationRate";
var _VISL = "VolumeIdStringList";
var _VIo = "VolumeId";
var _VIol = "VolumeIds";
var _VLo = "VolumeList";
var _VNI = "VirtualNetworkId";
var _VOI = "VolumeOwnerId";
var _VSL = "ValueStringList";
var _VT = "VolumeType";
var _VTS = "VirtualizationTypeSet";
var _VTi = "VirtualizationTypes";
var _VTir = "VirtualizationType";
var _Va = "Values";
var _Vo = "Volumes";
var _Vol = "Volume";
var _aES = "attachedEbsStatus";
var _aId = "additionalInfo";
var _aIt = "attachmentId";
var _aLI = "amiLaunchIndex";
var _aP = "autoPlacement";
var _aRs = "associatedResource";
var _aRut = "autoRecovery";
var _aSS = "amdSevSnp";
var _aSp = "applicationStatus";
var _aSt = "attachmentSet";
var _aTt = "attachTime";
var _aZ = "availabilityZone";
var _aZI = "availabilityZoneId";
var _af = "affinity";
var _ar = "arn";
var _arc = "architecture";
var _ass = "association";
var _at = "attachment";
var _bDM = "blockDeviceMapping";
var _bM = "bootMode";
var _bW = "bandwidthWeighting";
var _cBI = "capacityBlockId";
var _cCo = "coreCount";
var _cI = "carrierIp";
var _cIBM = "currentInstanceBootMode";
var _cO = "cpuOptions";
var _cOI = "customerOwnedIp";
var _cRI = "capacityReservationId";
var _cRP = "capacityReservationPreference";
var _cRRGA = "capacityReservationResourceGroupArn";
var _cRSa = "capacityReservationSpecification";
var _cRT = "capacityReservationTarget";
var _cSu = "currentState";
var _cT = "clientToken";
var _cTC = "connectionTrackingConfiguration";
var _cTre = "createTime";
var _co = "code";
var _conf = "configured";
var _dI = "deviceIndex";
var _dN = "deviceName";
var _dNn = "dnsName";
var _dOT = "deleteOnTermination";
var _dR = "dryRun";
var _de = "description";
var _det = "details";
var _dev = "device";
var _eCI = "ebsCardIndex";
var _eGAI = "elasticGpuAssociationId";
var _eGAS = "elasticGpuAssociationState";
var _eGASl = "elasticGpuAssociationSet";
var _eGAT = "elasticGpuAssociationTime";
var _eGI = "elasticGpuId";
var _eIAA = "elasticInferenceAcceleratorArn";
var _eIAAI = "elasticInferenceAcceleratorAssociationId";
var _eIAAS = "elasticInferenceAcceleratorAssociationState";
var _eIAASl = "elasticInferenceAcceleratorAssociationSet";
var _eIAAT = "elasticInferenceAcceleratorAssociationTime";
var _eO = "ebsOptimized";
var _eOn = "enclaveOptions";
var _eQC = "enaQueueCount";
var _eRNDAAAAR = "enableResourceNameDnsAAAARecord";
var _eRNDAR = "enableResourceNameDnsARecord";
var _eSE = "enaSrdEnabled";
var _eSS = "enaSrdSpecification";
var _eSUE = "enaSrdUdpEnabled";
var _eSUS = "enaSrdUdpSpecification";
var _eSna = "enaSupport";
var _eSv = "eventsSet";
var _eTn = "endTime";
var _eb = "ebs";
var _en = "enabled";
var _enc = "encrypted";
var _fRa = "fastRestored";
var _fo = "force";
var _gIr = "groupId";
var _gN = "groupName";
var _gSr = "groupSet";
var _h = "hypervisor";
var _hBD = "hiddenByDefault";
var _hE = "httpEndpoint";
var _hI = "hostId";
var _hO = "hibernationOptions";
var _hPI = "httpProtocolIpv6";
var _hPRHL = "httpPutResponseHopLimit";
var _hRGA = "hostResourceGroupArn";
var _hT = "httpTokens";
var _hTo = "hostnameType";
var _i = "id";
var _iAI = "includeAllInstances";
var _iASp = "ipv6AddressesSet";
var _iAp = "ipAddress";
var _iApv = "ipv6Address";
var _iEI = "instanceEventId";
var _iI = "instanceId";
var _iIP = "iamInstanceProfile";
var _iIma = "imageId";
var _iLn = "instanceLifecycle";
var _iMT = "instanceMetadataTags";
var _iOIp = "ipOwnerId";
var _iOS = "instanceOwningService";
var _iPIs = "isPrimaryIpv6";
var _iPSpvr = "ipv4PrefixSet";
var _iPSpvre = "ipv6PrefixSet";
var _iPpv = "ipv4Prefix";
var _iPpvr = "ipv6Prefix";
var _iSS = "instanceStatusSet";
var _iSm = "impairedSince";
var _iSns = "instancesSet";
var _iSnst = "instanceState";
var _iSnsta = "instanceStatus";
var _iT = "instanceType";
var _iTns = "instanceTenancy";
var _iTnt = "interfaceType";
var _io = "iops";
var _it = "item";
var _k = "key";
var _kI = "kernelId";
var _kKI = "kmsKeyId";
var _kN = "keyName";
var _lCA = "licenseConfigurationArn";
var _lSic = "licenseSet";
var _lTau = "launchTime";
var _mAE = "multiAttachEnabled";
var _mAa = "macAddress";
var _mO = "metadataOptions";
var _mOa = "maintenanceOptions";
var _mR = "maxResults";
var _mana = "managed";
var _me = "message";
var _mon = "monitoring";
var _n = "name";
var _nAo = "notAfter";
var _nB = "notBefore";
var _nBD = "notBeforeDeadline";
var _nCI = "networkCardIndex";
var _nII = "networkInterfaceId";
var _nIS = "networkInterfaceSet";
var _nPO = "networkPerformanceOptions";
var _nTe = "nextToken";
var _nV = "nestedVirtualization";
var _oA = "outpostArn";
var _oI = "ownerId";
var _oTf = "offeringType";
var _ope = "operator";
var _p = "principal";
var _pC = "productCodes";
var _pCr = "productCode";
var _pDNO = "privateDnsNameOptions";
var _pDNr = "privateDnsName";
var _pDNu = "publicDnsName";
var _pDl = "platformDetails";
var _pI = "publicIp";
var _pIAS = "privateIpAddressesSet";
var _pIASr = "privateIpAddressSet";
var _pIAr = "privateIpAddress";
var _pN = "partitionNumber";
var _pSe = "performanceStatus";
var _pSr = "previousState";
var _pl = "platform";
var _pla = "placement";
var _prim = "primary";
var _q = "quantity";
var _rDN = "rootDeviceName";
var _rDT = "rootDeviceType";
var _rI = "reservationId";
var _rIa = "ramdiskId";
var _rIeq = "requesterId";
var _rIes = "resourceId";
var _rMe = "rebootMigration";
var _rSes = "reservationSet";
var _rTe = "resourceType";
var _re = "reason";
var _rem = "remediation";
var _s = "smithy.ts.sdk.synthetic.com.amazonaws.ec2";
var _sDC = "sourceDestCheck";
var _sDp = "spreadDomain";
var _sIIe = "secondaryInterfaceId";
var _sIRI = "spotInstanceRequestId";
var _sISe = "secondaryInterfaceSet";
var _sIn = "snapshotId";
var _sIu = "subnetId";
var _sNI = "secondaryNetworkId";
var _sNSr = "sriovNetSupport";
var _sRt = "stateReason";
var _sSI = "secondarySubnetId";
var _sSy = "systemStatus";
var _sTs = "sseType";
var _sTt = "startTime";
var _sVI = "sourceVolumeId";
var _si = "size";
var _st = "state";
var _sta = "status";
var _tET = "tcpEstablishedTimeout";
var _tPC = "threadsPerCore";
var _tS = "tagSet";
var _tSp = "tpmSupport";
var _ta = "tag";
var _te = "tenancy";
var _th = "throughput";
var _ty = "type";
var _uO = "usageOperation";
var _uOUT = "usageOperationUpdateTime";
var _uST = "udpStreamTimeout";
var _uTd = "udpTimeout";
var _v = "value";
var _vA = "volumeArn";
var _vI = "vpcId";
var _vIR = "volumeInitializationRate";
var _vIo = "volumeId";
var _vOI = "volumeOwnerId";
var _vS = "volumeSet";
var _vT = "volumeType";
var _vTi = "virtualizationType";
var n0 = "com.amazonaws.ec2";
var _s_registry = new _smithy_core_schema__WEBPACK_IMPORTED_MODULE_4__.TypeRegistry(_s);
var EC2ServiceException$ = [-3, _s, "EC2ServiceException", 0, [], []];
_s_registry.registerError(EC2ServiceException$, EC2ServiceException);
var errorTypeRegistries = [
  _s_registry
];
var AcceleratorCountRequest$ = [
  3,
  n0,
  _ACR,
  0,
  [_M, _Ma],
  [1, 1]
];
var AcceleratorTotalMemoryMiBRequest$ = [
  3,
  n0,
  _ATMMBR,
  0,
  [_M, _Ma],
  [1, 1]
];
var AllocateHostsRequest$ = [
  3,
  n0,
  _AHR,
  0,
  [_IF, _TS, _HR, _OA, _HM, _AIss, _AZI, _CO, _APu, _CT, _IT, _Q, _AZ],
  [0, [() => TagSpecificationList, { "xmlName": _TSa }], 0, 0, 0, [64 | 0, { "xmlName": _AIsse }], 0, () => HostCpuOptionsRequest$, [0, {
    "ec2QueryName": `AutoPlacement`,
    "xmlName": _aP
  }], [0, {
    "ec2QueryName": `ClientToken`,
    "xmlName": _cT
  }], [0, {
    "ec2QueryName": `InstanceType`,
    "xmlName": _iT
  }], [1, {
    "ec2QueryName": `Quantity`,
    "xmlName": _q
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }]]
];
var ApplicationStatusSummary$ = [
  3,
  n0,
  _ASS,
  0,
  [_Sta, _ISm],
  [[0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [4, {
    "ec2QueryName": `ImpairedSince`,
    "xmlName": _iSm
  }]]
];
var BaselineEbsBandwidthMbpsRequest$ = [
  3,
  n0,
  _BEBMR,
  0,
  [_M, _Ma],
  [1, 1]
];
var BaselinePerformanceFactorsRequest$ = [
  3,
  n0,
  _BPFR,
  0,
  [_Cp],
  [[() => CpuPerformanceFactorRequest$, 0]]
];
var CapacityReservationSpecificationResponse$ = [
  3,
  n0,
  _CRSR,
  0,
  [_CRP, _CRT],
  [[0, {
    "ec2QueryName": `CapacityReservationPreference`,
    "xmlName": _cRP
  }], [() => CapacityReservationTargetResponse$, {
    "ec2QueryName": `CapacityReservationTarget`,
    "xmlName": _cRT
  }]]
];
var CapacityReservationTargetResponse$ = [
  3,
  n0,
  _CRTR,
  0,
  [_CRI, _CRRGA],
  [[0, {
    "ec2QueryName": `CapacityReservationId`,
    "xmlName": _cRI
  }], [0, {
    "ec2QueryName": `CapacityReservationResourceGroupArn`,
    "xmlName": _cRRGA
  }]]
];
var ConnectionTrackingSpecificationResponse$ = [
  3,
  n0,
  _CTSRo,
  0,
  [_TET, _UST, _UTd],
  [[1, {
    "ec2QueryName": `TcpEstablishedTimeout`,
    "xmlName": _tET
  }], [1, {
    "ec2QueryName": `UdpStreamTimeout`,
    "xmlName": _uST
  }], [1, {
    "ec2QueryName": `UdpTimeout`,
    "xmlName": _uTd
  }]]
];
var CpuOptions$ = [
  3,
  n0,
  _CO,
  0,
  [_CCor, _TPC, _ASSm, _NV],
  [[1, {
    "ec2QueryName": `CoreCount`,
    "xmlName": _cCo
  }], [1, {
    "ec2QueryName": `ThreadsPerCore`,
    "xmlName": _tPC
  }], [0, {
    "ec2QueryName": `AmdSevSnp`,
    "xmlName": _aSS
  }], [0, {
    "ec2QueryName": `NestedVirtualization`,
    "xmlName": _nV
  }]]
];
var CpuPerformanceFactorRequest$ = [
  3,
  n0,
  _CPFR,
  0,
  [_Ref],
  [[() => PerformanceFactorReferenceSetRequest, { "xmlName": _Refe }]]
];
var CreateTagsRequest$ = [
  3,
  n0,
  _CTR,
  0,
  [_Res, _T, _DR],
  [[64 | 0, { "xmlName": _RIeso }], [() => TagList, { "xmlName": _Ta }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  2
];
var CreateTransitGatewayMeteringPolicyRequest$ = [
  3,
  n0,
  _CTGMPR,
  0,
  [_TGI, _MAIi, _TS, _DR],
  [0, [64 | 0, { "xmlName": _MAIid }], [() => TagSpecificationList, 0], 2],
  1
];
var DeleteFleetsRequest$ = [
  3,
  n0,
  _DFR,
  0,
  [_FIle, _TI, _DR],
  [[64 | 0, { "xmlName": _FIl }], 2, 2],
  2
];
var DeleteTagsRequest$ = [
  3,
  n0,
  _DTR,
  0,
  [_Res, _DR, _T],
  [[64 | 0, {
    "ec2QueryName": `ResourceId`,
    "xmlName": _rIes
  }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => TagList, {
    "ec2QueryName": `Tag`,
    "xmlName": _ta
  }]],
  1
];
var DescribeCarrierGatewaysRequest$ = [
  3,
  n0,
  _DCGRes,
  0,
  [_CGIa, _Fi, _MR, _NTe, _DR],
  [[64 | 0, { "xmlName": _CGI }], [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeFleetsRequest$ = [
  3,
  n0,
  _DFRes,
  0,
  [_DR, _MR, _NTe, _FIle, _Fi],
  [2, 1, 0, [64 | 0, { "xmlName": _FIl }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeImageReferencesRequest$ = [
  3,
  n0,
  _DIRR,
  0,
  [_IIma, _IART, _RTes, _NTe, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], 2, [() => ResourceTypeRequestList, { "xmlName": _RTe }], 0, 2, 1],
  1
];
var DescribeImageUsageReportEntriesRequest$ = [
  3,
  n0,
  _DIURER,
  0,
  [_IIma, _RIep, _NTe, _Fi, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], [64 | 0, { "xmlName": _RI }], 0, [() => FilterList, { "xmlName": _Fil }], 2, 1]
];
var DescribeImageUsageReportsRequest$ = [
  3,
  n0,
  _DIURRes,
  0,
  [_IIma, _RIep, _NTe, _Fi, _DR, _MR],
  [[64 | 0, { "xmlName": _IIm }], [64 | 0, { "xmlName": _RI }], 0, [() => FilterList, { "xmlName": _Fil }], 2, 1]
];
var DescribeInstancesRequest$ = [
  3,
  n0,
  _DIRescr,
  0,
  [_IIn, _IMR, _DR, _Fi, _NTe, _MR],
  [[() => InstanceIdStringList, { "xmlName": _II }], 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }]]
];
var DescribeInstancesResult$ = [
  3,
  n0,
  _DIRescri,
  0,
  [_NTe, _Rese],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => ReservationList, {
    "ec2QueryName": `ReservationSet`,
    "xmlName": _rSes
  }]]
];
var DescribeInstanceStatusRequest$ = [
  3,
  n0,
  _DISRes,
  0,
  [_IIn, _MR, _NTe, _IMR, _DR, _Fi, _IAI],
  [[() => InstanceIdStringList, { "xmlName": _II }], 1, 0, 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [2, {
    "ec2QueryName": `IncludeAllInstances`,
    "xmlName": _iAI
  }]]
];
var DescribeInstanceStatusResult$ = [
  3,
  n0,
  _DISResc,
  0,
  [_ISnst, _NTe],
  [[() => InstanceStatusList, {
    "ec2QueryName": `InstanceStatusSet`,
    "xmlName": _iSS
  }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }]]
];
var DescribeInstanceTopologyRequest$ = [
  3,
  n0,
  _DITR,
  0,
  [_DR, _NTe, _MR, _IIn, _GNr, _Fi],
  [2, 0, 1, [64 | 0, { "xmlName": _II }], [64 | 0, { "xmlName": _GN }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeInstanceTypesRequest$ = [
  3,
  n0,
  _DITRes,
  0,
  [_DR, _ITnst, _Fi, _MR, _NTe, _IUIR],
  [2, [64 | 0, { "xmlName": _IT }], [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeNetworkInterfacePermissionsRequest$ = [
  3,
  n0,
  _DNIPRescr,
  0,
  [_NIPIetw, _Fi, _NTe, _MR],
  [[64 | 0, { "xmlName": _NIPIe }], [() => FilterList, { "xmlName": _Fil }], 0, 1]
];
var DescribePlacementGroupsRequest$ = [
  3,
  n0,
  _DPGRe,
  0,
  [_GIro, _DR, _GNr, _Fi],
  [[() => PlacementGroupIdStringList, { "xmlName": _GIr }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [64 | 0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeReservedInstancesOfferingsRequest$ = [
  3,
  n0,
  _DRIOR,
  0,
  [_AZ, _IM, _IT, _MD, _MIC, _MDi, _OC, _PDr, _RIOI, _AZI, _DR, _Fi, _ITns, _OTf, _NTe, _MR],
  [0, 2, 0, 1, 1, 1, 0, 0, [64 | 0, { "xmlName": _RIOIe }], 0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `InstanceTenancy`,
    "xmlName": _iTns
  }], [0, {
    "ec2QueryName": `OfferingType`,
    "xmlName": _oTf
  }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }]]
];
var DescribeRouteServerEndpointsRequest$ = [
  3,
  n0,
  _DRSERes,
  0,
  [_RSEIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSEI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeRouteServerPeersRequest$ = [
  3,
  n0,
  _DRSPRes,
  0,
  [_RSPIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSPI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeRouteServersRequest$ = [
  3,
  n0,
  _DRSRes,
  0,
  [_RSIo, _NTe, _MR, _Fi, _DR],
  [[64 | 0, { "xmlName": _RSI }], 0, 1, [() => FilterList, { "xmlName": _Fil }], 2]
];
var DescribeSnapshotsRequest$ = [
  3,
  n0,
  _DSRes,
  0,
  [_MR, _NTe, _OIw, _RBUI, _SIna, _DR, _Fi],
  [1, 0, [() => OwnerStringList, { "xmlName": _Own }], [64 | 0, { "xmlName": _RBe }], [() => SnapshotIdStringList, { "xmlName": _SIn }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }]]
];
var DescribeSpotPriceHistoryRequest$ = [
  3,
  n0,
  _DSPHR,
  0,
  [_AZI, _DR, _STt, _ETnd, _ITnst, _PDro, _Fi, _AZ, _MR, _NTe],
  [0, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [4, {
    "ec2QueryName": `StartTime`,
    "xmlName": _sTt
  }], [4, {
    "ec2QueryName": `EndTime`,
    "xmlName": _eTn
  }], [64 | 0, { "xmlName": _IT }], [64 | 0, { "xmlName": _PDr }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }]]
];
var DescribeTransitGatewayAttachmentsRequest$ = [
  3,
  n0,
  _DTGAR,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayConnectsRequest$ = [
  3,
  n0,
  _DTGCRes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayPeeringAttachmentsRequest$ = [
  3,
  n0,
  _DTGPARes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeTransitGatewayVpcAttachmentsRequest$ = [
  3,
  n0,
  _DTGVARes,
  0,
  [_TGAIr, _Fi, _MR, _NTe, _DR],
  [64 | 0, [() => FilterList, { "xmlName": _Fil }], 1, 0, 2]
];
var DescribeVolumesRequest$ = [
  3,
  n0,
  _DVRes,
  0,
  [_VIol, _IMR, _DR, _Fi, _NTe, _MR],
  [[() => VolumeIdStringList, { "xmlName": _VIo }], 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [() => FilterList, { "xmlName": _Fil }], [0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [1, {
    "ec2QueryName": `MaxResults`,
    "xmlName": _mR
  }]]
];
var DescribeVolumesResult$ = [
  3,
  n0,
  _DVResc,
  0,
  [_NTe, _Vo],
  [[0, {
    "ec2QueryName": `NextToken`,
    "xmlName": _nTe
  }], [() => VolumeList, {
    "ec2QueryName": `VolumeSet`,
    "xmlName": _vS
  }]]
];
var EbsInstanceBlockDevice$ = [
  3,
  n0,
  _EIBD,
  0,
  [_ATtt, _DOT, _Sta, _VIo, _ARss, _VOI, _Op, _ECI],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `VolumeId`,
    "xmlName": _vIo
  }], [0, {
    "ec2QueryName": `AssociatedResource`,
    "xmlName": _aRs
  }], [0, {
    "ec2QueryName": `VolumeOwnerId`,
    "xmlName": _vOI
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [1, {
    "ec2QueryName": `EbsCardIndex`,
    "xmlName": _eCI
  }]]
];
var EbsStatusDetails$ = [
  3,
  n0,
  _ESD,
  0,
  [_ISm, _N, _Sta],
  [[4, {
    "ec2QueryName": `ImpairedSince`,
    "xmlName": _iSm
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }]]
];
var EbsStatusSummary$ = [
  3,
  n0,
  _ESSb,
  0,
  [_Det, _Sta],
  [[() => EbsStatusDetailsList, {
    "ec2QueryName": `Details`,
    "xmlName": _det
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }]]
];
var ElasticGpuAssociation$ = [
  3,
  n0,
  _EGA,
  0,
  [_EGIl, _EGAI, _EGAS, _EGAT],
  [[0, {
    "ec2QueryName": `ElasticGpuId`,
    "xmlName": _eGI
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationId`,
    "xmlName": _eGAI
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationState`,
    "xmlName": _eGAS
  }], [0, {
    "ec2QueryName": `ElasticGpuAssociationTime`,
    "xmlName": _eGAT
  }]]
];
var ElasticInferenceAcceleratorAssociation$ = [
  3,
  n0,
  _EIAA,
  0,
  [_EIAAl, _EIAAI, _EIAAS, _EIAAT],
  [[0, {
    "ec2QueryName": `ElasticInferenceAcceleratorArn`,
    "xmlName": _eIAA
  }], [0, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationId`,
    "xmlName": _eIAAI
  }], [0, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationState`,
    "xmlName": _eIAAS
  }], [4, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationTime`,
    "xmlName": _eIAAT
  }]]
];
var EnclaveOptions$ = [
  3,
  n0,
  _EOn,
  0,
  [_En],
  [[2, {
    "ec2QueryName": `Enabled`,
    "xmlName": _en
  }]]
];
var Filter$ = [
  3,
  n0,
  _Fil,
  0,
  [_N, _Va],
  [0, [() => ValueStringList, { "xmlName": _V }]]
];
var GetSpotPlacementScoresRequest$ = [
  3,
  n0,
  _GSPSR,
  0,
  [_TCar, _ITnst, _TCUT, _SAZ, _RNe, _IRWM, _DR, _MR, _NTe, _ILZ],
  [1, [64 | 0, { "xmlName": _IT }], 0, 2, [64 | 0, { "xmlName": _RN }], [() => InstanceRequirementsWithMetadataRequest$, 0], 2, 1, 0, 2],
  1
];
var GroupIdentifier$ = [
  3,
  n0,
  _GIrou,
  0,
  [_GIr, _GN],
  [[0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }]]
];
var HibernationOptions$ = [
  3,
  n0,
  _HO,
  0,
  [_Conf],
  [[2, {
    "ec2QueryName": `Configured`,
    "xmlName": _conf
  }]]
];
var HostCpuOptionsRequest$ = [
  3,
  n0,
  _HCOR,
  0,
  [_ASSm],
  [0]
];
var IamInstanceProfile$ = [
  3,
  n0,
  _IIP,
  0,
  [_Ar, _I],
  [[0, {
    "ec2QueryName": `Arn`,
    "xmlName": _ar
  }], [0, {
    "ec2QueryName": `Id`,
    "xmlName": _i
  }]]
];
var Instance$ = [
  3,
  n0,
  _In,
  0,
  [_Arc, _BDMl, _CT, _EO, _ESna, _Hy, _IIP, _ILn, _EGAl, _EIAAla, _NIet, _OA, _RDN, _RDT, _SGe, _SDC, _SIRI, _SNS, _SRt, _T, _VTir, _CO, _CBI, _CRI, _CRSa, _HO, _Lic, _MO, _EOn, _BM, _PDl, _UO, _UOUT, _PDNO, _IApv, _TSp, _MOa, _CIBM, _NPO, _Op, _SIec, _II, _IIm, _St, _PDN, _PDNub, _STR, _KN, _ALI, _PCro, _IT, _LTau, _Pla, _KI, _RIa, _Pl, _Mon, _SIu, _VI, _PIAr, _PIAu],
  [[0, {
    "ec2QueryName": `Architecture`,
    "xmlName": _arc
  }], [() => InstanceBlockDeviceMappingList, {
    "ec2QueryName": `BlockDeviceMapping`,
    "xmlName": _bDM
  }], [0, {
    "ec2QueryName": `ClientToken`,
    "xmlName": _cT
  }], [2, {
    "ec2QueryName": `EbsOptimized`,
    "xmlName": _eO
  }], [2, {
    "ec2QueryName": `EnaSupport`,
    "xmlName": _eSna
  }], [0, {
    "ec2QueryName": `Hypervisor`,
    "xmlName": _h
  }], [() => IamInstanceProfile$, {
    "ec2QueryName": `IamInstanceProfile`,
    "xmlName": _iIP
  }], [0, {
    "ec2QueryName": `InstanceLifecycle`,
    "xmlName": _iLn
  }], [() => ElasticGpuAssociationList, {
    "ec2QueryName": `ElasticGpuAssociationSet`,
    "xmlName": _eGASl
  }], [() => ElasticInferenceAcceleratorAssociationList, {
    "ec2QueryName": `ElasticInferenceAcceleratorAssociationSet`,
    "xmlName": _eIAASl
  }], [() => InstanceNetworkInterfaceList, {
    "ec2QueryName": `NetworkInterfaceSet`,
    "xmlName": _nIS
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [0, {
    "ec2QueryName": `RootDeviceName`,
    "xmlName": _rDN
  }], [0, {
    "ec2QueryName": `RootDeviceType`,
    "xmlName": _rDT
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `SpotInstanceRequestId`,
    "xmlName": _sIRI
  }], [0, {
    "ec2QueryName": `SriovNetSupport`,
    "xmlName": _sNSr
  }], [() => StateReason$, {
    "ec2QueryName": `StateReason`,
    "xmlName": _sRt
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `VirtualizationType`,
    "xmlName": _vTi
  }], [() => CpuOptions$, {
    "ec2QueryName": `CpuOptions`,
    "xmlName": _cO
  }], [0, {
    "ec2QueryName": `CapacityBlockId`,
    "xmlName": _cBI
  }], [0, {
    "ec2QueryName": `CapacityReservationId`,
    "xmlName": _cRI
  }], [() => CapacityReservationSpecificationResponse$, {
    "ec2QueryName": `CapacityReservationSpecification`,
    "xmlName": _cRSa
  }], [() => HibernationOptions$, {
    "ec2QueryName": `HibernationOptions`,
    "xmlName": _hO
  }], [() => LicenseList, {
    "ec2QueryName": `LicenseSet`,
    "xmlName": _lSic
  }], [() => InstanceMetadataOptionsResponse$, {
    "ec2QueryName": `MetadataOptions`,
    "xmlName": _mO
  }], [() => EnclaveOptions$, {
    "ec2QueryName": `EnclaveOptions`,
    "xmlName": _eOn
  }], [0, {
    "ec2QueryName": `BootMode`,
    "xmlName": _bM
  }], [0, {
    "ec2QueryName": `PlatformDetails`,
    "xmlName": _pDl
  }], [0, {
    "ec2QueryName": `UsageOperation`,
    "xmlName": _uO
  }], [4, {
    "ec2QueryName": `UsageOperationUpdateTime`,
    "xmlName": _uOUT
  }], [() => PrivateDnsNameOptionsResponse$, {
    "ec2QueryName": `PrivateDnsNameOptions`,
    "xmlName": _pDNO
  }], [0, {
    "ec2QueryName": `Ipv6Address`,
    "xmlName": _iApv
  }], [0, {
    "ec2QueryName": `TpmSupport`,
    "xmlName": _tSp
  }], [() => InstanceMaintenanceOptions$, {
    "ec2QueryName": `MaintenanceOptions`,
    "xmlName": _mOa
  }], [0, {
    "ec2QueryName": `CurrentInstanceBootMode`,
    "xmlName": _cIBM
  }], [() => InstanceNetworkPerformanceOptions$, {
    "ec2QueryName": `NetworkPerformanceOptions`,
    "xmlName": _nPO
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [() => InstanceSecondaryInterfaceList, {
    "ec2QueryName": `SecondaryInterfaceSet`,
    "xmlName": _sISe
  }], [0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [0, {
    "ec2QueryName": `ImageId`,
    "xmlName": _iIma
  }], [() => InstanceState$, {
    "ec2QueryName": `InstanceState`,
    "xmlName": _iSnst
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `DnsName`,
    "xmlName": _dNn
  }], [0, {
    "ec2QueryName": `Reason`,
    "xmlName": _re
  }], [0, {
    "ec2QueryName": `KeyName`,
    "xmlName": _kN
  }], [1, {
    "ec2QueryName": `AmiLaunchIndex`,
    "xmlName": _aLI
  }], [() => ProductCodeList, {
    "ec2QueryName": `ProductCodes`,
    "xmlName": _pC
  }], [0, {
    "ec2QueryName": `InstanceType`,
    "xmlName": _iT
  }], [4, {
    "ec2QueryName": `LaunchTime`,
    "xmlName": _lTau
  }], [() => Placement$, {
    "ec2QueryName": `Placement`,
    "xmlName": _pla
  }], [0, {
    "ec2QueryName": `KernelId`,
    "xmlName": _kI
  }], [0, {
    "ec2QueryName": `RamdiskId`,
    "xmlName": _rIa
  }], [0, {
    "ec2QueryName": `Platform`,
    "xmlName": _pl
  }], [() => Monitoring$, {
    "ec2QueryName": `Monitoring`,
    "xmlName": _mon
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [0, {
    "ec2QueryName": `IpAddress`,
    "xmlName": _iAp
  }]]
];
var InstanceAttachmentEnaSrdSpecification$ = [
  3,
  n0,
  _IAESS,
  0,
  [_ESE, _ESUS],
  [[2, {
    "ec2QueryName": `EnaSrdEnabled`,
    "xmlName": _eSE
  }], [() => InstanceAttachmentEnaSrdUdpSpecification$, {
    "ec2QueryName": `EnaSrdUdpSpecification`,
    "xmlName": _eSUS
  }]]
];
var InstanceAttachmentEnaSrdUdpSpecification$ = [
  3,
  n0,
  _IAESUS,
  0,
  [_ESUE],
  [[2, {
    "ec2QueryName": `EnaSrdUdpEnabled`,
    "xmlName": _eSUE
  }]]
];
var InstanceBlockDeviceMapping$ = [
  3,
  n0,
  _IBDM,
  0,
  [_DN, _Eb],
  [[0, {
    "ec2QueryName": `DeviceName`,
    "xmlName": _dN
  }], [() => EbsInstanceBlockDevice$, {
    "ec2QueryName": `Ebs`,
    "xmlName": _eb
  }]]
];
var InstanceIpv4Prefix$ = [
  3,
  n0,
  _IIPn,
  0,
  [_IPpvre],
  [[0, {
    "ec2QueryName": `Ipv4Prefix`,
    "xmlName": _iPpv
  }]]
];
var InstanceIpv6Address$ = [
  3,
  n0,
  _IIA,
  0,
  [_IApv, _IPIs],
  [[0, {
    "ec2QueryName": `Ipv6Address`,
    "xmlName": _iApv
  }], [2, {
    "ec2QueryName": `IsPrimaryIpv6`,
    "xmlName": _iPIs
  }]]
];
var InstanceIpv6Prefix$ = [
  3,
  n0,
  _IIPns,
  0,
  [_IPpv],
  [[0, {
    "ec2QueryName": `Ipv6Prefix`,
    "xmlName": _iPpvr
  }]]
];
var InstanceMaintenanceOptions$ = [
  3,
  n0,
  _IMO,
  0,
  [_ARuto, _RMe],
  [[0, {
    "ec2QueryName": `AutoRecovery`,
    "xmlName": _aRut
  }], [0, {
    "ec2QueryName": `RebootMigration`,
    "xmlName": _rMe
  }]]
];
var InstanceMetadataOptionsResponse$ = [
  3,
  n0,
  _IMORnst,
  0,
  [_St, _HT, _HPRHL, _HE, _HPI, _IMT],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }], [0, {
    "ec2QueryName": `HttpTokens`,
    "xmlName": _hT
  }], [1, {
    "ec2QueryName": `HttpPutResponseHopLimit`,
    "xmlName": _hPRHL
  }], [0, {
    "ec2QueryName": `HttpEndpoint`,
    "xmlName": _hE
  }], [0, {
    "ec2QueryName": `HttpProtocolIpv6`,
    "xmlName": _hPI
  }], [0, {
    "ec2QueryName": `InstanceMetadataTags`,
    "xmlName": _iMT
  }]]
];
var InstanceNetworkInterface$ = [
  3,
  n0,
  _INI,
  0,
  [_Ass, _Att, _De, _G, _IA, _MAa, _NII, _OI, _PDN, _PIAr, _PIAri, _SDC, _Sta, _SIu, _VI, _ITnt, _IPpvr, _IPp, _CTC, _Op],
  [[() => InstanceNetworkInterfaceAssociation$, {
    "ec2QueryName": `Association`,
    "xmlName": _ass
  }], [() => InstanceNetworkInterfaceAttachment$, {
    "ec2QueryName": `Attachment`,
    "xmlName": _at
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [() => InstanceIpv6AddressList, {
    "ec2QueryName": `Ipv6AddressesSet`,
    "xmlName": _iASp
  }], [0, {
    "ec2QueryName": `MacAddress`,
    "xmlName": _mAa
  }], [0, {
    "ec2QueryName": `NetworkInterfaceId`,
    "xmlName": _nII
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }], [() => InstancePrivateIpAddressList, {
    "ec2QueryName": `PrivateIpAddressesSet`,
    "xmlName": _pIAS
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `SubnetId`,
    "xmlName": _sIu
  }], [0, {
    "ec2QueryName": `VpcId`,
    "xmlName": _vI
  }], [0, {
    "ec2QueryName": `InterfaceType`,
    "xmlName": _iTnt
  }], [() => InstanceIpv4PrefixList, {
    "ec2QueryName": `Ipv4PrefixSet`,
    "xmlName": _iPSpvr
  }], [() => InstanceIpv6PrefixList, {
    "ec2QueryName": `Ipv6PrefixSet`,
    "xmlName": _iPSpvre
  }], [() => ConnectionTrackingSpecificationResponse$, {
    "ec2QueryName": `ConnectionTrackingConfiguration`,
    "xmlName": _cTC
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }]]
];
var InstanceNetworkInterfaceAssociation$ = [
  3,
  n0,
  _INIA,
  0,
  [_CI, _COI, _IOI, _PDNub, _PI],
  [[0, {
    "ec2QueryName": `CarrierIp`,
    "xmlName": _cI
  }], [0, {
    "ec2QueryName": `CustomerOwnedIp`,
    "xmlName": _cOI
  }], [0, {
    "ec2QueryName": `IpOwnerId`,
    "xmlName": _iOIp
  }], [0, {
    "ec2QueryName": `PublicDnsName`,
    "xmlName": _pDNu
  }], [0, {
    "ec2QueryName": `PublicIp`,
    "xmlName": _pI
  }]]
];
var InstanceNetworkInterfaceAttachment$ = [
  3,
  n0,
  _INIAn,
  0,
  [_ATtt, _AItt, _DOT, _DI, _Sta, _NCI, _ESS, _EQC],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [0, {
    "ec2QueryName": `AttachmentId`,
    "xmlName": _aIt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [1, {
    "ec2QueryName": `DeviceIndex`,
    "xmlName": _dI
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [1, {
    "ec2QueryName": `NetworkCardIndex`,
    "xmlName": _nCI
  }], [() => InstanceAttachmentEnaSrdSpecification$, {
    "ec2QueryName": `EnaSrdSpecification`,
    "xmlName": _eSS
  }], [1, {
    "ec2QueryName": `EnaQueueCount`,
    "xmlName": _eQC
  }]]
];
var InstanceNetworkPerformanceOptions$ = [
  3,
  n0,
  _INPO,
  0,
  [_BW],
  [[0, {
    "ec2QueryName": `BandwidthWeighting`,
    "xmlName": _bW
  }]]
];
var InstancePrivateIpAddress$ = [
  3,
  n0,
  _IPIA,
  0,
  [_Ass, _Prim, _PDN, _PIAr],
  [[() => InstanceNetworkInterfaceAssociation$, {
    "ec2QueryName": `Association`,
    "xmlName": _ass
  }], [2, {
    "ec2QueryName": `Primary`,
    "xmlName": _prim
  }], [0, {
    "ec2QueryName": `PrivateDnsName`,
    "xmlName": _pDNr
  }], [0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }]]
];
var InstanceRequirementsRequest$ = [
  3,
  n0,
  _IRR,
  0,
  [_VCC, _MMB, _CM, _MGBPVC, _EITxc, _IGns, _SMPPOLP, _ODMPPOLP, _BMa, _BP, _RHS, _NIC, _LSo, _LST, _TLSGB, _BEBM, _ATc, _AC, _AMc, _ANcc, _ATMMB, _NBGe, _AIT, _MSPAPOOODP, _BPF, _REIT],
  [() => VCpuCountRangeRequest$, () => MemoryMiBRequest$, [() => CpuManufacturerSet, { "xmlName": _CMp }], () => MemoryGiBPerVCpuRequest$, [() => ExcludedInstanceTypeSet, { "xmlName": _EITxcl }], [() => InstanceGenerationSet, { "xmlName": _IGnst }], 1, 1, 0, 0, 2, () => NetworkInterfaceCountRequest$, 0, [() => LocalStorageTypeSet, { "xmlName": _LSTo }], () => TotalLocalStorageGBRequest$, () => BaselineEbsBandwidthMbpsRequest$, [() => AcceleratorTypeSet, { "xmlName": _ATcc }], () => AcceleratorCountRequest$, [() => AcceleratorManufacturerSet, { "xmlName": _AMcc }], [() => AcceleratorNameSet, { "xmlName": _ANcce }], () => AcceleratorTotalMemoryMiBRequest$, () => NetworkBandwidthGbpsRequest$, [() => AllowedInstanceTypeSet, { "xmlName": _AITl }], 1, [() => BaselinePerformanceFactorsRequest$, 0], 2],
  2
];
var InstanceRequirementsWithMetadataRequest$ = [
  3,
  n0,
  _IRWMR,
  0,
  [_ATr, _VTi, _IR],
  [[() => ArchitectureTypeSet, { "xmlName": _ATrc }], [() => VirtualizationTypeSet, { "xmlName": _VTir }], [() => InstanceRequirementsRequest$, 0]]
];
var InstanceSecondaryInterface$ = [
  3,
  n0,
  _ISIn,
  0,
  [_Att, _MAa, _SIIec, _OI, _PIAri, _SDC, _Sta, _SSIe, _SNI, _ITnt],
  [[() => InstanceSecondaryInterfaceAttachment$, {
    "ec2QueryName": `Attachment`,
    "xmlName": _at
  }], [0, {
    "ec2QueryName": `MacAddress`,
    "xmlName": _mAa
  }], [0, {
    "ec2QueryName": `SecondaryInterfaceId`,
    "xmlName": _sIIe
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [() => InstanceSecondaryInterfacePrivateIpAddressList, {
    "ec2QueryName": `PrivateIpAddressSet`,
    "xmlName": _pIASr
  }], [2, {
    "ec2QueryName": `SourceDestCheck`,
    "xmlName": _sDC
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [0, {
    "ec2QueryName": `SecondarySubnetId`,
    "xmlName": _sSI
  }], [0, {
    "ec2QueryName": `SecondaryNetworkId`,
    "xmlName": _sNI
  }], [0, {
    "ec2QueryName": `InterfaceType`,
    "xmlName": _iTnt
  }]]
];
var InstanceSecondaryInterfaceAttachment$ = [
  3,
  n0,
  _ISIA,
  0,
  [_ATtt, _AItt, _DOT, _DI, _Sta, _NCI],
  [[4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }], [0, {
    "ec2QueryName": `AttachmentId`,
    "xmlName": _aIt
  }], [2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [1, {
    "ec2QueryName": `DeviceIndex`,
    "xmlName": _dI
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [1, {
    "ec2QueryName": `NetworkCardIndex`,
    "xmlName": _nCI
  }]]
];
var InstanceSecondaryInterfacePrivateIpAddress$ = [
  3,
  n0,
  _ISIPIA,
  0,
  [_PIAr],
  [[0, {
    "ec2QueryName": `PrivateIpAddress`,
    "xmlName": _pIAr
  }]]
];
var InstanceState$ = [
  3,
  n0,
  _ISnsta,
  0,
  [_Co, _N],
  [[1, {
    "ec2QueryName": `Code`,
    "xmlName": _co
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }]]
];
var InstanceStateChange$ = [
  3,
  n0,
  _ISC,
  0,
  [_II, _CSu, _PSr],
  [[0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [() => InstanceState$, {
    "ec2QueryName": `CurrentState`,
    "xmlName": _cSu
  }], [() => InstanceState$, {
    "ec2QueryName": `PreviousState`,
    "xmlName": _pSr
  }]]
];
var InstanceStatus$ = [
  3,
  n0,
  _ISnstan,
  0,
  [_AZ, _AZI, _OA, _Op, _Ev, _II, _ISnsta, _ISnstan, _SSy, _AES, _AS, _PSe],
  [[0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [0, {
    "ec2QueryName": `AvailabilityZoneId`,
    "xmlName": _aZI
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [() => InstanceStatusEventList, {
    "ec2QueryName": `EventsSet`,
    "xmlName": _eSv
  }], [0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [() => InstanceState$, {
    "ec2QueryName": `InstanceState`,
    "xmlName": _iSnst
  }], [() => InstanceStatusSummary$, {
    "ec2QueryName": `InstanceStatus`,
    "xmlName": _iSnsta
  }], [() => InstanceStatusSummary$, {
    "ec2QueryName": `SystemStatus`,
    "xmlName": _sSy
  }], [() => EbsStatusSummary$, {
    "ec2QueryName": `AttachedEbsStatus`,
    "xmlName": _aES
  }], [() => ApplicationStatusSummary$, {
    "ec2QueryName": `ApplicationStatus`,
    "xmlName": _aSp
  }], [() => PerformanceStatusSummary$, {
    "ec2QueryName": `PerformanceStatus`,
    "xmlName": _pSe
  }]]
];
var InstanceStatusDetails$ = [
  3,
  n0,
  _ISDn,
  0,
  [_ISm, _N, _Sta],
  [[4, {
    "ec2QueryName": `ImpairedSince`,
    "xmlName": _iSm
  }], [0, {
    "ec2QueryName": `Name`,
    "xmlName": _n
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }]]
];
var InstanceStatusEvent$ = [
  3,
  n0,
  _ISE,
  0,
  [_IEI, _Co, _De, _NAo, _NB, _NBD],
  [[0, {
    "ec2QueryName": `InstanceEventId`,
    "xmlName": _iEI
  }], [0, {
    "ec2QueryName": `Code`,
    "xmlName": _co
  }], [0, {
    "ec2QueryName": `Description`,
    "xmlName": _de
  }], [4, {
    "ec2QueryName": `NotAfter`,
    "xmlName": _nAo
  }], [4, {
    "ec2QueryName": `NotBefore`,
    "xmlName": _nB
  }], [4, {
    "ec2QueryName": `NotBeforeDeadline`,
    "xmlName": _nBD
  }]]
];
var InstanceStatusSummary$ = [
  3,
  n0,
  _ISS,
  0,
  [_Det, _Sta],
  [[() => InstanceStatusDetailsList, {
    "ec2QueryName": `Details`,
    "xmlName": _det
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }]]
];
var LicenseConfiguration$ = [
  3,
  n0,
  _LCi,
  0,
  [_LCA],
  [[0, {
    "ec2QueryName": `LicenseConfigurationArn`,
    "xmlName": _lCA
  }]]
];
var MemoryGiBPerVCpuRequest$ = [
  3,
  n0,
  _MGBPVCR,
  0,
  [_M, _Ma],
  [1, 1]
];
var MemoryMiBRequest$ = [
  3,
  n0,
  _MMBR,
  0,
  [_M, _Ma],
  [1, 1],
  1
];
var ModifyTrafficMirrorFilterRuleRequest$ = [
  3,
  n0,
  _MTMFRR,
  0,
  [_TMFRI, _TD, _RNu, _RA, _DPRe, _SPRo, _Pr, _DCB, _SCB, _De, _RF, _DR],
  [0, 0, 1, 0, () => TrafficMirrorPortRangeRequest$, () => TrafficMirrorPortRangeRequest$, 1, 0, 0, 0, [64 | 0, { "xmlName": _RFe }], 2],
  1
];
var ModifyTrafficMirrorSessionRequest$ = [
  3,
  n0,
  _MTMSR,
  0,
  [_TMSI, _TMTI, _TMFI, _PLa, _SNes, _VNI, _De, _RF, _DR],
  [0, 0, 0, 1, 1, 1, 0, [64 | 0, { "xmlName": _RFe }], 2],
  1
];
var ModifyTransitGatewayMeteringPolicyRequest$ = [
  3,
  n0,
  _MTGMPR,
  0,
  [_TGMPI, _AMAI, _RMAI, _DR],
  [0, [64 | 0, { "xmlName": _AMAId }], [64 | 0, { "xmlName": _RMAIe }], 2],
  1
];
var Monitoring$ = [
  3,
  n0,
  _Mon,
  0,
  [_St],
  [[0, {
    "ec2QueryName": `State`,
    "xmlName": _st
  }]]
];
var NetworkBandwidthGbpsRequest$ = [
  3,
  n0,
  _NBGR,
  0,
  [_M, _Ma],
  [1, 1]
];
var NetworkInterfaceCountRequest$ = [
  3,
  n0,
  _NICR,
  0,
  [_M, _Ma],
  [1, 1]
];
var OperatorResponse$ = [
  3,
  n0,
  _ORper,
  0,
  [_Mana, _P, _HBD],
  [[2, {
    "ec2QueryName": `Managed`,
    "xmlName": _mana
  }], [0, {
    "ec2QueryName": `Principal`,
    "xmlName": _p
  }], [2, {
    "ec2QueryName": `HiddenByDefault`,
    "xmlName": _hBD
  }]]
];
var PerformanceFactorReferenceRequest$ = [
  3,
  n0,
  _PFRR,
  0,
  [_IF],
  [0]
];
var PerformanceStatusSummary$ = [
  3,
  n0,
  _PSS,
  0,
  [_Sta, _ISm, _Reme],
  [[0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [4, {
    "ec2QueryName": `ImpairedSince`,
    "xmlName": _iSm
  }], [0, {
    "ec2QueryName": `Remediation`,
    "xmlName": _rem
  }]]
];
var Placement$ = [
  3,
  n0,
  _Pla,
  0,
  [_AZI, _Af, _GN, _PN, _HIo, _Te, _SDp, _HRGA, _GIr, _AZ],
  [[0, {
    "ec2QueryName": `AvailabilityZoneId`,
    "xmlName": _aZI
  }], [0, {
    "ec2QueryName": `Affinity`,
    "xmlName": _af
  }], [0, {
    "ec2QueryName": `GroupName`,
    "xmlName": _gN
  }], [1, {
    "ec2QueryName": `PartitionNumber`,
    "xmlName": _pN
  }], [0, {
    "ec2QueryName": `HostId`,
    "xmlName": _hI
  }], [0, {
    "ec2QueryName": `Tenancy`,
    "xmlName": _te
  }], [0, {
    "ec2QueryName": `SpreadDomain`,
    "xmlName": _sDp
  }], [0, {
    "ec2QueryName": `HostResourceGroupArn`,
    "xmlName": _hRGA
  }], [0, {
    "ec2QueryName": `GroupId`,
    "xmlName": _gIr
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }]]
];
var PrivateDnsNameOptionsResponse$ = [
  3,
  n0,
  _PDNORr,
  0,
  [_HTo, _ERNDAR, _ERNDAAAAR],
  [[0, {
    "ec2QueryName": `HostnameType`,
    "xmlName": _hTo
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsARecord`,
    "xmlName": _eRNDAR
  }], [2, {
    "ec2QueryName": `EnableResourceNameDnsAAAARecord`,
    "xmlName": _eRNDAAAAR
  }]]
];
var ProductCode$ = [
  3,
  n0,
  _PCr,
  0,
  [_PCIr, _PCT],
  [[0, {
    "ec2QueryName": `ProductCode`,
    "xmlName": _pCr
  }], [0, {
    "ec2QueryName": `Type`,
    "xmlName": _ty
  }]]
];
var Reservation$ = [
  3,
  n0,
  _Reser,
  0,
  [_RIe, _OI, _RIeq, _G, _Ins],
  [[0, {
    "ec2QueryName": `ReservationId`,
    "xmlName": _rI
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `RequesterId`,
    "xmlName": _rIeq
  }], [() => GroupIdentifierList, {
    "ec2QueryName": `GroupSet`,
    "xmlName": _gSr
  }], [() => InstanceList, {
    "ec2QueryName": `InstancesSet`,
    "xmlName": _iSns
  }]]
];
var ResourceTypeOption$ = [
  3,
  n0,
  _RTOe,
  0,
  [_ON, _OV],
  [0, [64 | 0, { "xmlName": _OVp }]]
];
var ResourceTypeRequest$ = [
  3,
  n0,
  _RTRe,
  0,
  [_RTe, _RTO],
  [0, [() => ResourceTypeOptionList, { "xmlName": _RTOe }]]
];
var StartInstancesRequest$ = [
  3,
  n0,
  _SIRt,
  0,
  [_IIn, _AId, _DR],
  [[() => InstanceIdStringList, { "xmlName": _II }], [0, {
    "ec2QueryName": `AdditionalInfo`,
    "xmlName": _aId
  }], [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }]],
  1
];
var StartInstancesResult$ = [
  3,
  n0,
  _SIRta,
  0,
  [_SIt],
  [[() => InstanceStateChangeList, {
    "ec2QueryName": `InstancesSet`,
    "xmlName": _iSns
  }]]
];
var StateReason$ = [
  3,
  n0,
  _SRt,
  0,
  [_Co, _Me],
  [[0, {
    "ec2QueryName": `Code`,
    "xmlName": _co
  }], [0, {
    "ec2QueryName": `Message`,
    "xmlName": _me
  }]]
];
var StopInstancesRequest$ = [
  3,
  n0,
  _SIRto,
  0,
  [_IIn, _Hi, _SOS, _DR, _F],
  [[() => InstanceIdStringList, { "xmlName": _II }], 2, 2, [2, {
    "ec2QueryName": `DryRun`,
    "xmlName": _dR
  }], [2, {
    "ec2QueryName": `Force`,
    "xmlName": _fo
  }]],
  1
];
var StopInstancesResult$ = [
  3,
  n0,
  _SIRtop,
  0,
  [_SIto],
  [[() => InstanceStateChangeList, {
    "ec2QueryName": `InstancesSet`,
    "xmlName": _iSns
  }]]
];
var Tag$ = [
  3,
  n0,
  _Ta,
  0,
  [_K, _V],
  [[0, {
    "ec2QueryName": `Key`,
    "xmlName": _k
  }], [0, {
    "ec2QueryName": `Value`,
    "xmlName": _v
  }]]
];
var TagSpecification$ = [
  3,
  n0,
  _TSa,
  0,
  [_RTe, _T],
  [[0, {
    "ec2QueryName": `ResourceType`,
    "xmlName": _rTe
  }], [() => TagList, { "xmlName": _Ta }]]
];
var TotalLocalStorageGBRequest$ = [
  3,
  n0,
  _TLSGBR,
  0,
  [_M, _Ma],
  [1, 1]
];
var TrafficMirrorPortRangeRequest$ = [
  3,
  n0,
  _TMPRR,
  0,
  [_FP, _TP],
  [1, 1]
];
var VCpuCountRangeRequest$ = [
  3,
  n0,
  _VCCRR,
  0,
  [_M, _Ma],
  [1, 1],
  1
];
var Volume$ = [
  3,
  n0,
  _Vol,
  0,
  [_AZI, _OA, _SVI, _Io, _T, _VT, _FRa, _MAE, _Th, _STs, _Op, _VIR, _VAo, _OI, _VIo, _Siz, _SIn, _AZ, _St, _CTre, _Atta, _Enc, _KKI],
  [[0, {
    "ec2QueryName": `AvailabilityZoneId`,
    "xmlName": _aZI
  }], [0, {
    "ec2QueryName": `OutpostArn`,
    "xmlName": _oA
  }], [0, {
    "ec2QueryName": `SourceVolumeId`,
    "xmlName": _sVI
  }], [1, {
    "ec2QueryName": `Iops`,
    "xmlName": _io
  }], [() => TagList, {
    "ec2QueryName": `TagSet`,
    "xmlName": _tS
  }], [0, {
    "ec2QueryName": `VolumeType`,
    "xmlName": _vT
  }], [2, {
    "ec2QueryName": `FastRestored`,
    "xmlName": _fRa
  }], [2, {
    "ec2QueryName": `MultiAttachEnabled`,
    "xmlName": _mAE
  }], [1, {
    "ec2QueryName": `Throughput`,
    "xmlName": _th
  }], [0, {
    "ec2QueryName": `SseType`,
    "xmlName": _sTs
  }], [() => OperatorResponse$, {
    "ec2QueryName": `Operator`,
    "xmlName": _ope
  }], [1, {
    "ec2QueryName": `VolumeInitializationRate`,
    "xmlName": _vIR
  }], [0, {
    "ec2QueryName": `VolumeArn`,
    "xmlName": _vA
  }], [0, {
    "ec2QueryName": `OwnerId`,
    "xmlName": _oI
  }], [0, {
    "ec2QueryName": `VolumeId`,
    "xmlName": _vIo
  }], [1, {
    "ec2QueryName": `Size`,
    "xmlName": _si
  }], [0, {
    "ec2QueryName": `SnapshotId`,
    "xmlName": _sIn
  }], [0, {
    "ec2QueryName": `AvailabilityZone`,
    "xmlName": _aZ
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [4, {
    "ec2QueryName": `CreateTime`,
    "xmlName": _cTre
  }], [() => VolumeAttachmentList, {
    "ec2QueryName": `AttachmentSet`,
    "xmlName": _aSt
  }], [2, {
    "ec2QueryName": `Encrypted`,
    "xmlName": _enc
  }], [0, {
    "ec2QueryName": `KmsKeyId`,
    "xmlName": _kKI
  }]]
];
var VolumeAttachment$ = [
  3,
  n0,
  _VAol,
  0,
  [_DOT, _ARss, _IOS, _ECI, _VIo, _II, _Dev, _St, _ATtt],
  [[2, {
    "ec2QueryName": `DeleteOnTermination`,
    "xmlName": _dOT
  }], [0, {
    "ec2QueryName": `AssociatedResource`,
    "xmlName": _aRs
  }], [0, {
    "ec2QueryName": `InstanceOwningService`,
    "xmlName": _iOS
  }], [1, {
    "ec2QueryName": `EbsCardIndex`,
    "xmlName": _eCI
  }], [0, {
    "ec2QueryName": `VolumeId`,
    "xmlName": _vIo
  }], [0, {
    "ec2QueryName": `InstanceId`,
    "xmlName": _iI
  }], [0, {
    "ec2QueryName": `Device`,
    "xmlName": _dev
  }], [0, {
    "ec2QueryName": `Status`,
    "xmlName": _sta
  }], [4, {
    "ec2QueryName": `AttachTime`,
    "xmlName": _aTt
  }]]
];
var AcceleratorManufacturerSet = [
  1,
  n0,
  _AMSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AcceleratorNameSet = [
  1,
  n0,
  _ANSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AcceleratorTypeSet = [
  1,
  n0,
  _ATSc,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AllowedInstanceTypeSet = [
  1,
  n0,
  _AITS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var ArchitectureTypeSet = [
  1,
  n0,
  _ATSr,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var AssetIdList = (/* unused pure expression or super */ null && (64 | 0));
var CarrierGatewayIdSet = (/* unused pure expression or super */ null && (64 | 0));
var CpuManufacturerSet = [
  1,
  n0,
  _CMSp,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var DescribeImageReferencesImageIdStringList = (/* unused pure expression or super */ null && (64 | 0));
var DescribeImageUsageReportsImageIdStringList = (/* unused pure expression or super */ null && (64 | 0));
var DescribeInstanceTopologyGroupNameSet = (/* unused pure expression or super */ null && (64 | 0));
var DescribeInstanceTopologyInstanceIdSet = (/* unused pure expression or super */ null && (64 | 0));
var EbsStatusDetailsList = [
  1,
  n0,
  _ESDL,
  0,
  [
    () => EbsStatusDetails$,
    { "xmlName": _it }
  ]
];
var ElasticGpuAssociationList = [
  1,
  n0,
  _EGAL,
  0,
  [
    () => ElasticGpuAssociation$,
    { "xmlName": _it }
  ]
];
var ElasticInferenceAcceleratorAssociationList = [
  1,
  n0,
  _EIAAL,
  0,
  [
    () => ElasticInferenceAcceleratorAssociation$,
    { "xmlName": _it }
  ]
];
var ExcludedInstanceTypeSet = [
  1,
  n0,
  _EITSx,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var FilterList = [
  1,
  n0,
  _FLi,
  0,
  [
    () => Filter$,
    { "xmlName": _Fil }
  ]
];
var FleetIdSet = (/* unused pure expression or super */ null && (64 | 0));
var GroupIdentifierList = [
  1,
  n0,
  _GIL,
  0,
  [
    () => GroupIdentifier$,
    { "xmlName": _it }
  ]
];
var ImageUsageReportIdStringList = (/* unused pure expression or super */ null && (64 | 0));
var InstanceBlockDeviceMappingList = [
  1,
  n0,
  _IBDML,
  0,
  [
    () => InstanceBlockDeviceMapping$,
    { "xmlName": _it }
  ]
];
var InstanceGenerationSet = [
  1,
  n0,
  _IGS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var InstanceIdStringList = [
  1,
  n0,
  _IISLn,
  0,
  [
    0,
    { "xmlName": _II }
  ]
];
var InstanceIpv4PrefixList = [
  1,
  n0,
  _IIPL,
  0,
  [
    () => InstanceIpv4Prefix$,
    { "xmlName": _it }
  ]
];
var InstanceIpv6AddressList = [
  1,
  n0,
  _IIAL,
  0,
  [
    () => InstanceIpv6Address$,
    { "xmlName": _it }
  ]
];
var InstanceIpv6PrefixList = [
  1,
  n0,
  _IIPLn,
  0,
  [
    () => InstanceIpv6Prefix$,
    { "xmlName": _it }
  ]
];
var InstanceList = [
  1,
  n0,
  _ILns,
  0,
  [
    () => Instance$,
    { "xmlName": _it }
  ]
];
var InstanceNetworkInterfaceList = [
  1,
  n0,
  _INIL,
  0,
  [
    () => InstanceNetworkInterface$,
    { "xmlName": _it }
  ]
];
var InstancePrivateIpAddressList = [
  1,
  n0,
  _IPIAL,
  0,
  [
    () => InstancePrivateIpAddress$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfaceList = [
  1,
  n0,
  _ISIL,
  0,
  [
    () => InstanceSecondaryInterface$,
    { "xmlName": _it }
  ]
];
var InstanceSecondaryInterfacePrivateIpAddressList = [
  1,
  n0,
  _ISIPIAL,
  0,
  [
    () => InstanceSecondaryInterfacePrivateIpAddress$,
    { "xmlName": _it }
  ]
];
var InstanceStateChangeList = [
  1,
  n0,
  _ISCL,
  0,
  [
    () => InstanceStateChange$,
    { "xmlName": _it }
  ]
];
var InstanceStatusDetailsList = [
  1,
  n0,
  _ISDL,
  0,
  [
    () => InstanceStatusDetails$,
    { "xmlName": _it }
  ]
];
var InstanceStatusEventList = [
  1,
  n0,
  _ISEL,
  0,
  [
    () => InstanceStatusEvent$,
    { "xmlName": _it }
  ]
];
var InstanceStatusList = [
  1,
  n0,
  _ISLn,
  0,
  [
    () => InstanceStatus$,
    { "xmlName": _it }
  ]
];
var InstanceTypeList = (/* unused pure expression or super */ null && (64 | 0));
var InstanceTypes = (/* unused pure expression or super */ null && (64 | 0));
var LicenseList = [
  1,
  n0,
  _LL,
  0,
  [
    () => LicenseConfiguration$,
    { "xmlName": _it }
  ]
];
var LocalStorageTypeSet = [
  1,
  n0,
  _LSTS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var NetworkInterfacePermissionIdList = (/* unused pure expression or super */ null && (64 | 0));
var OwnerStringList = [
  1,
  n0,
  _OSL,
  0,
  [
    0,
    { "xmlName": _Own }
  ]
];
var PerformanceFactorReferenceSetRequest = [
  1,
  n0,
  _PFRSR,
  0,
  [
    () => PerformanceFactorReferenceRequest$,
    { "xmlName": _it }
  ]
];
var PlacementGroupIdStringList = [
  1,
  n0,
  _PGISL,
  0,
  [
    0,
    { "xmlName": _GIr }
  ]
];
var PlacementGroupStringList = (/* unused pure expression or super */ null && (64 | 0));
var ProductCodeList = [
  1,
  n0,
  _PCLr,
  0,
  [
    () => ProductCode$,
    { "xmlName": _it }
  ]
];
var ProductDescriptionList = (/* unused pure expression or super */ null && (64 | 0));
var RegionNames = (/* unused pure expression or super */ null && (64 | 0));
var RequestInstanceTypeList = (/* unused pure expression or super */ null && (64 | 0));
var ReservationList = [
  1,
  n0,
  _RLe,
  0,
  [
    () => Reservation$,
    { "xmlName": _it }
  ]
];
var ReservedInstancesOfferingIdStringList = (/* unused pure expression or super */ null && (64 | 0));
var ResourceIdList = (/* unused pure expression or super */ null && (64 | 0));
var ResourceTypeOptionList = [
  1,
  n0,
  _RTOL,
  0,
  [
    () => ResourceTypeOption$,
    0
  ]
];
var ResourceTypeOptionValuesList = (/* unused pure expression or super */ null && (64 | 0));
var ResourceTypeRequestList = [
  1,
  n0,
  _RTRL,
  0,
  [
    () => ResourceTypeRequest$,
    0
  ]
];
var RestorableByStringList = (/* unused pure expression or super */ null && (64 | 0));
var RouteServerEndpointIdsList = (/* unused pure expression or super */ null && (64 | 0));
var RouteServerIdsList = (/* unused pure expression or super */ null && (64 | 0));
var RouteServerPeerIdsList = (/* unused pure expression or super */ null && (64 | 0));
var SnapshotIdStringList = [
  1,
  n0,
  _SISL,
  0,
  [
    0,
    { "xmlName": _SIn }
  ]
];
var TagList = [
  1,
  n0,
  _TL,
  0,
  [
    () => Tag$,
    { "xmlName": _it }
  ]
];
var TagSpecificationList = [
  1,
  n0,
  _TSL,
  0,
  [
    () => TagSpecification$,
    { "xmlName": _it }
  ]
];
var TrafficMirrorFilterRuleFieldList = (/* unused pure expression or super */ null && (64 | 0));
var TrafficMirrorSessionFieldList = (/* unused pure expression or super */ null && (64 | 0));
var TransitGatewayAttachmentIdStringList = (/* unused pure expression or super */ null && (64 | 0));
var ValueStringList = [
  1,
  n0,
  _VSL,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var VirtualizationTypeSet = [
  1,
  n0,
  _VTS,
  0,
  [
    0,
    { "xmlName": _it }
  ]
];
var VolumeAttachmentList = [
  1,
  n0,
  _VALo,
  0,
  [
    () => VolumeAttachment$,
    { "xmlName": _it }
  ]
];
var VolumeIdStringList = [
  1,
  n0,
  _VISL,
  0,
  [
    0,
    { "xmlName": _VIo }
  ]
];
var VolumeList = [
  1,
  n0,
  _VLo,
  0,
  [
    () => Volume$,
    { "xmlName": _it }
  ]
];
var DescribeInstances$ = [
  9,
  n0,
  _DIesc,
  0,
  () => DescribeInstancesRequest$,
  () => DescribeInstancesResult$
];
var DescribeInstanceStatus$ = [
  9,
  n0,
  _DISes,
  0,
  () => DescribeInstanceStatusRequest$,
  () => DescribeInstanceStatusResult$
];
var DescribeVolumes$ = [
  9,
  n0,
  _DVes,
  0,
  () => DescribeVolumesRequest$,
  () => DescribeVolumesResult$
];
var StartInstances$ = [
  9,
  n0,
  _SIta,
  0,
  () => StartInstancesRequest$,
  () => StartInstancesResult$
];
var StopInstances$ = [
  9,
  n0,
  _SItop,
  0,
  () => StopInstancesRequest$,
  () => StopInstancesResult$
];

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.shared.js
var getRuntimeConfig = (config) => {
  return {
    apiVersion: "2016-11-15",
    base64Decoder: config?.base64Decoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__.fromBase64,
    base64Encoder: config?.base64Encoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__.toBase64,
    disableHostPrefix: config?.disableHostPrefix ?? false,
    endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
    extensions: config?.extensions ?? [],
    httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultEC2HttpAuthSchemeProvider,
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
        signer: new _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_1__.AwsSdkSigV4Signer()
      }
    ],
    logger: config?.logger ?? new _smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.NoOpLogger(),
    protocol: config?.protocol ?? _aws_sdk_core_protocols__WEBPACK_IMPORTED_MODULE_6__.AwsEc2QueryProtocol,
    protocolSettings: config?.protocolSettings ?? {
      defaultNamespace: "com.amazonaws.ec2",
      errorTypeRegistries,
      xmlNamespace: "http://ec2.amazonaws.com/doc/2016-11-15",
      version: "2016-11-15",
      serviceTarget: "AmazonEC2"
    },
    serviceId: config?.serviceId ?? "EC2",
    sha256: config?.sha256 ?? _smithy_core_checksum__WEBPACK_IMPORTED_MODULE_7__.Sha256,
    urlParser: config?.urlParser ?? _smithy_core_protocols__WEBPACK_IMPORTED_MODULE_8__.parseUrl,
    utf8Decoder: config?.utf8Decoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__.fromUtf8,
    utf8Encoder: config?.utf8Encoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__.toUtf8
  };
};

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeConfig.js
var getRuntimeConfig2 = (config) => {
  (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.emitWarningIfUnsupportedVersion)(process.version);
  const defaultsMode = (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.resolveDefaultsModeConfig)(config);
  const defaultConfigProvider = () => defaultsMode().then(_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.loadConfigsForDefaultMode);
  const clientSharedValues = getRuntimeConfig(config);
  (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.emitWarningIfUnsupportedVersion)(process.version);
  const loaderConfig = {
    profile: config?.profile,
    logger: clientSharedValues.logger
  };
  return {
    ...clientSharedValues,
    ...config,
    runtime: "node",
    defaultsMode,
    authSchemePreference: config?.authSchemePreference ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_1__.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config?.bodyLengthChecker ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_5__.calculateBodyLength,
    credentialDefaultProvider: config?.credentialDefaultProvider ?? _aws_sdk_credential_provider_node__WEBPACK_IMPORTED_MODULE_10__/* .defaultProvider */ .v6,
    defaultSocketTimeout: (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getDefaultSocketTimeout)(config?.requestHandler, 9e5),
    defaultUserAgentProvider: config?.defaultUserAgentProvider ?? (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.createDefaultUserAgentProvider)({ serviceId: clientSharedValues.serviceId, clientVersion: package_default.version }),
    maxAttempts: config?.maxAttempts ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region: config?.region ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.NODE_REGION_CONFIG_OPTIONS, { ..._smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_12__.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
    retryMode: config?.retryMode ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)({
      ..._smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__.NODE_RETRY_MODE_CONFIG_OPTIONS,
      default: async () => (await defaultConfigProvider()).retryMode || _smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__.DEFAULT_RETRY_MODE
    }, config),
    streamCollector: config?.streamCollector ?? _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_12__.streamCollector,
    useDualstackEndpoint: config?.useDualstackEndpoint ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config?.useFipsEndpoint ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config?.userAgentAppId ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.loadConfig)(_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
  };
};

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeExtensions.js




// node_modules/@aws-sdk/client-ec2/dist-es/auth/httpAuthExtensionConfiguration.js
var getHttpAuthExtensionConfiguration = (runtimeConfig) => {
  const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
  let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
  let _credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(httpAuthScheme) {
      const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
      if (index === -1) {
        _httpAuthSchemes.push(httpAuthScheme);
      } else {
        _httpAuthSchemes.splice(index, 1, httpAuthScheme);
      }
    },
    httpAuthSchemes() {
      return _httpAuthSchemes;
    },
    setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
      _httpAuthSchemeProvider = httpAuthSchemeProvider;
    },
    httpAuthSchemeProvider() {
      return _httpAuthSchemeProvider;
    },
    setCredentials(credentials) {
      _credentials = credentials;
    },
    credentials() {
      return _credentials;
    }
  };
};
var resolveHttpAuthRuntimeConfig = (config) => {
  return {
    httpAuthSchemes: config.httpAuthSchemes(),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
    credentials: config.credentials()
  };
};

// node_modules/@aws-sdk/client-ec2/dist-es/runtimeExtensions.js
var resolveRuntimeExtensions = (runtimeConfig, extensions) => {
  const extensionConfiguration = Object.assign((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getAwsRegionExtensionConfiguration)(runtimeConfig), (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.getDefaultExtensionConfiguration)(runtimeConfig), (0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_8__.getHttpHandlerExtensionConfiguration)(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(runtimeConfig, (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.resolveAwsRegionExtensionConfiguration)(extensionConfiguration), (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.resolveDefaultRuntimeConfig)(extensionConfiguration), (0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_8__.resolveHttpHandlerRuntimeConfig)(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

// node_modules/@aws-sdk/client-ec2/dist-es/EC2Client.js
var EC2Client = class extends _smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.Client {
  config;
  constructor(...[configuration]) {
    const _config_0 = getRuntimeConfig2(configuration || {});
    super(_config_0);
    this.initConfig = _config_0;
    const _config_1 = resolveClientEndpointParameters(_config_0);
    const _config_2 = (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.resolveUserAgentConfig)(_config_1);
    const _config_3 = (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__.resolveRetryConfig)(_config_2);
    const _config_4 = (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_9__.resolveRegionConfig)(_config_3);
    const _config_5 = (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.resolveHostHeaderConfig)(_config_4);
    const _config_6 = (0,_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.resolveEndpointConfig)(_config_5);
    const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
    const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
    this.config = _config_8;
    this.middlewareStack.use((0,_smithy_core_schema__WEBPACK_IMPORTED_MODULE_4__.getSchemaSerdePlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getUserAgentPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_11__.getRetryPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_8__.getContentLengthPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getHostHeaderPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getLoggerPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_3__.getRecursionDetectionPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core__WEBPACK_IMPORTED_MODULE_13__.getHttpAuthSchemeEndpointRuleSetPlugin)(this.config, {
      httpAuthSchemeParametersProvider: defaultEC2HttpAuthSchemeParametersProvider,
      identityProviderConfigProvider: async (config) => new _smithy_core__WEBPACK_IMPORTED_MODULE_13__.DefaultIdentityProviderConfig({
        "aws.auth#sigv4": config.credentials
      })
    }));
    this.middlewareStack.use((0,_smithy_core__WEBPACK_IMPORTED_MODULE_13__.getHttpSigningPlugin)(this.config));
  }
  destroy() {
    super.destroy();
  }
};

// node_modules/@aws-sdk/client-ec2/dist-es/commandBuilder.js



var command = (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_0__.makeBuilder)(commonParams, "AmazonEC2", "EC2Client", _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_2__.getEndpointPlugin);
var _ep0 = {};
var _mw0 = (Command, cs, config, o) => [];

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstancesCommand.js
var DescribeInstancesCommand = class extends command(_ep0, _mw0, "DescribeInstances", DescribeInstances$) {
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeInstanceStatusCommand.js
var DescribeInstanceStatusCommand = class extends command(_ep0, _mw0, "DescribeInstanceStatus", DescribeInstanceStatus$) {
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/DescribeVolumesCommand.js
var DescribeVolumesCommand = class extends command(_ep0, _mw0, "DescribeVolumes", DescribeVolumes$) {
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/StartInstancesCommand.js
var StartInstancesCommand = class extends command(_ep0, _mw0, "StartInstances", StartInstances$) {
};

// node_modules/@aws-sdk/client-ec2/dist-es/commands/StopInstancesCommand.js
var StopInstancesCommand = class extends command(_ep0, _mw0, "StopInstances", StopInstances$) {
};

// node_modules/@aws-sdk/client-ec2/dist-es/pagination/DescribeInstancesPaginator.js

var paginateDescribeInstances = (0,_smithy_core__WEBPACK_IMPORTED_MODULE_13__.createPaginator)(EC2Client, DescribeInstancesCommand, "NextToken", "NextToken", "MaxResults");



/***/ }),

/***/ 9920:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   AssumeRoleWithWebIdentityCommand: () => (/* binding */ AssumeRoleWithWebIdentityCommand),
/* harmony export */   GetCallerIdentityCommand: () => (/* binding */ GetCallerIdentityCommand),
/* harmony export */   STSClient: () => (/* binding */ STSClient)
/* harmony export */ });
/* harmony import */ var _aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5152);
/* harmony import */ var _smithy_core__WEBPACK_IMPORTED_MODULE_7__ = __webpack_require__(402);
/* harmony import */ var _smithy_core_client__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2658);
/* harmony import */ var _smithy_core_config__WEBPACK_IMPORTED_MODULE_11__ = __webpack_require__(7291);
/* harmony import */ var _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2085);
/* harmony import */ var _smithy_core_protocols__WEBPACK_IMPORTED_MODULE_10__ = __webpack_require__(3422);
/* harmony import */ var _smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__ = __webpack_require__(3609);
/* harmony import */ var _smithy_core_schema__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(6890);
/* harmony import */ var _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(7523);
/* harmony import */ var _aws_sdk_signature_v4_multi_region__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5785);
/* harmony import */ var _aws_sdk_credential_provider_node__WEBPACK_IMPORTED_MODULE_12__ = __webpack_require__(5861);
/* harmony import */ var _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2430);
/* harmony import */ var _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_14__ = __webpack_require__(1279);
/* harmony import */ var _aws_sdk_core_protocols__WEBPACK_IMPORTED_MODULE_8__ = __webpack_require__(7288);
/* harmony import */ var _smithy_core_checksum__WEBPACK_IMPORTED_MODULE_9__ = __webpack_require__(9542);
// @aws-sdk/client-sts 3.1164.0, cut down by scripts/sdk-subset.mjs to: AssumeRoleWithWebIdentityCommand, GetCallerIdentityCommand, STSClient.
// node_modules/@aws-sdk/client-sts/dist-es/STSClient.js









// node_modules/@aws-sdk/client-sts/dist-es/auth/httpAuthSchemeProvider.js





// node_modules/@aws-sdk/client-sts/dist-es/endpoint/endpointResolver.js



// node_modules/@aws-sdk/client-sts/dist-es/endpoint/bdd.js

var q = "ref";
var a = -1;
var b = true;
var c = "isSet";
var d = "PartitionResult";
var e = "booleanEquals";
var f = "stringEquals";
var g = "getAttr";
var h = "us-east-1";
var i = "sigv4";
var j = "sts";
var k = "https://sts.{Region}.{PartitionResult#dnsSuffix}";
var l = { [q]: "Endpoint" };
var m = { [q]: "Region" };
var n = { [q]: d };
var o = {};
var p = [m];
var _data = {
  conditions: [
    [c, [l]],
    [c, p],
    ["aws.partition", p, d],
    [e, [{ [q]: "UseFIPS" }, b]],
    [e, [{ [q]: "UseDualStack" }, b]],
    [f, [m, "aws-global"]],
    [e, [{ [q]: "UseGlobalEndpoint" }, b]],
    [f, [m, "eu-central-1"]],
    [e, [{ fn: g, argv: [n, "supportsDualStack"] }, b]],
    [e, [{ fn: g, argv: [n, "supportsFIPS"] }, b]],
    [f, [m, "ap-south-1"]],
    [f, [m, "eu-north-1"]],
    [f, [m, "eu-west-1"]],
    [f, [m, "eu-west-2"]],
    [f, [m, "eu-west-3"]],
    [f, [m, "sa-east-1"]],
    [f, [m, h]],
    [f, [m, "us-east-2"]],
    [f, [m, "us-west-2"]],
    [f, [m, "us-west-1"]],
    [f, [m, "ca-central-1"]],
    [f, [m, "ap-southeast-1"]],
    [f, [m, "ap-northeast-1"]],
    [f, [m, "ap-southeast-2"]],
    [f, [{ fn: g, argv: [n, "name"] }, "aws-us-gov"]]
  ],
  results: [
    [a],
    ["https://sts.amazonaws.com", { authSchemes: [{ name: i, signingName: j, signingRegion: h }] }],
    [k, { authSchemes: [{ name: i, signingName: j, signingRegion: "{Region}" }] }],
    [a, "Invalid Configuration: FIPS and custom endpoint are not supported"],
    [a, "Invalid Configuration: Dualstack and custom endpoint are not supported"],
    [l, o],
    ["https://sts-fips.{Region}.{PartitionResult#dualStackDnsSuffix}", o],
    [a, "FIPS and DualStack are enabled, but this partition does not support one or both"],
    ["https://sts.{Region}.amazonaws.com", o],
    ["https://sts-fips.{Region}.{PartitionResult#dnsSuffix}", o],
    [a, "FIPS is enabled but this partition does not support FIPS"],
    ["https://sts.{Region}.{PartitionResult#dualStackDnsSuffix}", o],
    [a, "DualStack is enabled but this partition does not support DualStack"],
    [k, o],
    [a, "Invalid Configuration: Missing Region"]
  ]
};
var root = 2;
var r = 1e8;
var nodes = new Int32Array([
  -1,
  1,
  -1,
  0,
  30,
  3,
  1,
  4,
  r + 14,
  2,
  5,
  r + 14,
  3,
  25,
  6,
  4,
  24,
  7,
  5,
  r + 1,
  8,
  6,
  9,
  r + 13,
  7,
  r + 1,
  10,
  10,
  r + 1,
  11,
  11,
  r + 1,
  12,
  12,
  r + 1,
  13,
  13,
  r + 1,
  14,
  14,
  r + 1,
  15,
  15,
  r + 1,
  16,
  16,
  r + 1,
  17,
  17,
  r + 1,
  18,
  18,
  r + 1,
  19,
  19,
  r + 1,
  20,
  20,
  r + 1,
  21,
  21,
  r + 1,
  22,
  22,
  r + 1,
  23,
  23,
  r + 1,
  r + 2,
  8,
  r + 11,
  r + 12,
  4,
  28,
  26,
  9,
  27,
  r + 10,
  24,
  r + 8,
  r + 9,
  8,
  29,
  r + 7,
  9,
  r + 6,
  r + 7,
  3,
  r + 3,
  31,
  4,
  r + 4,
  r + 5
]);
var bdd = _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.BinaryDecisionDiagram.from(nodes, root, _data.conditions, _data.results);

// node_modules/@aws-sdk/client-sts/dist-es/endpoint/endpointResolver.js
var cache = new _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.EndpointCache({
  size: 50,
  params: ["Endpoint", "Region", "UseDualStack", "UseFIPS", "UseGlobalEndpoint"]
});
var defaultEndpointResolver = (endpointParams, context = {}) => {
  return cache.get(endpointParams, () => (0,_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.decideEndpoint)(bdd, {
    endpointParams,
    logger: context.logger
  }));
};
_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.customEndpointFunctions.aws = _aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.awsEndpointFunctions;

// node_modules/@aws-sdk/client-sts/dist-es/auth/httpAuthSchemeProvider.js
var createEndpointRuleSetHttpAuthSchemeParametersProvider = (defaultHttpAuthSchemeParametersProvider) => async (config, context, input) => {
  if (!input) {
    throw new Error("Could not find `input` for `defaultEndpointRuleSetHttpAuthSchemeParametersProvider`");
  }
  const defaultParameters = await defaultHttpAuthSchemeParametersProvider(config, context, input);
  const instructionsFn = (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.getSmithyContext)(context)?.commandInstance?.constructor?.getEndpointParameterInstructions;
  if (!instructionsFn) {
    throw new Error(`getEndpointParameterInstructions() is not defined on '${context.commandName}'`);
  }
  const endpointParameters = await (0,_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.resolveParams)(input, { getEndpointParameterInstructions: instructionsFn }, config);
  return Object.assign(defaultParameters, endpointParameters);
};
var _defaultSTSHttpAuthSchemeParametersProvider = async (config, context, input) => {
  return {
    operation: (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.getSmithyContext)(context).operation,
    region: await (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.normalizeProvider)(config.region)() || (() => {
      throw new Error("expected `region` to be configured for `aws.auth#sigv4`");
    })()
  };
};
var defaultSTSHttpAuthSchemeParametersProvider = createEndpointRuleSetHttpAuthSchemeParametersProvider(_defaultSTSHttpAuthSchemeParametersProvider);
function createAwsAuthSigv4HttpAuthOption(authParameters) {
  return {
    schemeId: "aws.auth#sigv4",
    signingProperties: {
      name: "sts",
      region: authParameters.region
    },
    propertiesExtractor: (config, context) => ({
      signingProperties: {
        config,
        context
      }
    })
  };
}
function createAwsAuthSigv4aHttpAuthOption(authParameters) {
  return {
    schemeId: "aws.auth#sigv4a",
    signingProperties: {
      name: "sts",
      region: authParameters.region
    },
    propertiesExtractor: (config, context) => ({
      signingProperties: {
        config,
        context
      }
    })
  };
}
function createSmithyApiNoAuthHttpAuthOption(authParameters) {
  return {
    schemeId: "smithy.api#noAuth"
  };
}
var createEndpointRuleSetHttpAuthSchemeProvider = (defaultEndpointResolver2, defaultHttpAuthSchemeResolver, createHttpAuthOptionFunctions) => {
  const endpointRuleSetHttpAuthSchemeProvider = (authParameters) => {
    const endpoint = defaultEndpointResolver2(authParameters);
    const authSchemes = endpoint.properties?.authSchemes;
    if (!authSchemes) {
      return defaultHttpAuthSchemeResolver(authParameters);
    }
    const options = [];
    for (const scheme of authSchemes) {
      const { name: resolvedName, properties = {}, ...rest } = scheme;
      const name = resolvedName.toLowerCase();
      if (resolvedName !== name) {
        console.warn(`HttpAuthScheme has been normalized with lowercasing: '${resolvedName}' to '${name}'`);
      }
      let schemeId;
      if (name === "sigv4a") {
        schemeId = "aws.auth#sigv4a";
        const sigv4Present = authSchemes.find((s) => {
          const name2 = s.name.toLowerCase();
          return name2 !== "sigv4a" && name2.startsWith("sigv4");
        });
        if (_aws_sdk_signature_v4_multi_region__WEBPACK_IMPORTED_MODULE_3__.SignatureV4MultiRegion.sigv4aDependency() === "none" && sigv4Present) {
          continue;
        }
      } else if (name.startsWith("sigv4")) {
        schemeId = "aws.auth#sigv4";
      } else {
        throw new Error(`Unknown HttpAuthScheme found in '@smithy.rules#endpointRuleSet': '${name}'`);
      }
      const createOption = createHttpAuthOptionFunctions[schemeId];
      if (!createOption) {
        throw new Error(`Could not find HttpAuthOption create function for '${schemeId}'`);
      }
      const option = createOption(authParameters);
      option.schemeId = schemeId;
      option.signingProperties = { ...option.signingProperties || {}, ...rest, ...properties };
      options.push(option);
    }
    return options;
  };
  return endpointRuleSetHttpAuthSchemeProvider;
};
var _defaultSTSHttpAuthSchemeProvider = (authParameters) => {
  const options = [];
  switch (authParameters.operation) {
    case "AssumeRoleWithSAML": {
      options.push(createSmithyApiNoAuthHttpAuthOption(authParameters));
      options.push(createAwsAuthSigv4aHttpAuthOption(authParameters));
      break;
    }
    case "AssumeRoleWithWebIdentity": {
      options.push(createSmithyApiNoAuthHttpAuthOption(authParameters));
      options.push(createAwsAuthSigv4aHttpAuthOption(authParameters));
      break;
    }
    default: {
      options.push(createAwsAuthSigv4HttpAuthOption(authParameters));
      options.push(createAwsAuthSigv4aHttpAuthOption(authParameters));
    }
  }
  return options;
};
var defaultSTSHttpAuthSchemeProvider = createEndpointRuleSetHttpAuthSchemeProvider(defaultEndpointResolver, _defaultSTSHttpAuthSchemeProvider, {
  "aws.auth#sigv4": createAwsAuthSigv4HttpAuthOption,
  "aws.auth#sigv4a": createAwsAuthSigv4aHttpAuthOption,
  "smithy.api#noAuth": createSmithyApiNoAuthHttpAuthOption
});
var resolveHttpAuthSchemeConfig = (config) => {
  const config_0 = (0,_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.resolveAwsSdkSigV4Config)(config);
  const config_1 = (0,_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.resolveAwsSdkSigV4AConfig)(config_0);
  return Object.assign(config_1, {
    authSchemePreference: (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.normalizeProvider)(config.authSchemePreference ?? [])
  });
};

// node_modules/@aws-sdk/client-sts/dist-es/endpoint/EndpointParameters.js
var resolveClientEndpointParameters = (options) => {
  return Object.assign(options, {
    useDualstackEndpoint: options.useDualstackEndpoint ?? false,
    useFipsEndpoint: options.useFipsEndpoint ?? false,
    useGlobalEndpoint: options.useGlobalEndpoint ?? false,
    defaultSigningName: "sts"
  });
};
var commonParams = {
  UseGlobalEndpoint: { type: "builtInParams", name: "useGlobalEndpoint" },
  UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
  Endpoint: { type: "builtInParams", name: "endpoint" },
  Region: { type: "builtInParams", name: "region" },
  UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" }
};

// node_modules/@aws-sdk/client-sts/package.json
var package_default = {
  name: "@aws-sdk/client-sts",
  version: "3.1164.0",
  description: "AWS SDK for JavaScript Sts Client for Node.js, Browser and React Native",
  homepage: "https://github.com/aws/aws-sdk-js-v3/tree/main/clients/client-sts",
  license: "Apache-2.0",
  author: {
    name: "AWS SDK for JavaScript Team",
    url: "https://aws.amazon.com/sdk-for-javascript/"
  },
  repository: {
    type: "git",
    url: "https://github.com/aws/aws-sdk-js-v3.git",
    directory: "clients/client-sts"
  },
  files: [
    "dist-*/**"
  ],
  sideEffects: false,
  main: "./dist-cjs/index.js",
  module: "./dist-es/index.js",
  browser: {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.browser"
  },
  types: "./dist-types/index.d.ts",
  typesVersions: {
    "<4.5": {
      "dist-types/*": [
        "dist-types/ts3.4/*"
      ]
    }
  },
  "react-native": {
    "./dist-es/runtimeConfig": "./dist-es/runtimeConfig.native"
  },
  scripts: {
    build: "concurrently 'yarn:build:types' 'yarn:build:es' && yarn build:cjs",
    "build:cjs": "node ../../scripts/compilation/inline",
    "build:es": "premove dist-es && tsc -p tsconfig.es.json",
    "build:include:deps": 'yarn g:turbo run build -F="$npm_package_name"',
    "build:types": "premove dist-types && tsc -p tsconfig.types.json",
    "build:types:downlevel": "downlevel-dts dist-types dist-types/ts3.4",
    clean: "premove dist-cjs dist-es dist-types",
    "extract:docs": "api-extractor run --local",
    "generate:client": "node ../../scripts/generate-clients/single-service",
    test: "yarn g:vitest run --passWithNoTests",
    "test:watch": "yarn g:vitest watch --passWithNoTests",
    "test:integration": "yarn g:vitest run --passWithNoTests -c vitest.config.integ.mts",
    "test:integration:watch": "yarn g:vitest watch --passWithNoTests -c vitest.config.integ.mts",
    "test:e2e": "yarn g:vitest run -c vitest.config.e2e.mts",
    "test:e2e:watch": "yarn g:vitest watch -c vitest.config.e2e.mts",
    "test:index": "tsc -p tsconfig.test.json && node ./test/index-objects.spec.mjs"
  },
  dependencies: {
    "@aws-sdk/core": "^3.980.1",
    "@aws-sdk/credential-provider-node": "^3.972.94",
    "@aws-sdk/signature-v4-multi-region": "^3.996.51",
    "@aws-sdk/types": "^3.975.0",
    "@smithy/core": "^3.38.0",
    "@smithy/fetch-http-handler": "^5.8.0",
    "@smithy/node-http-handler": "^4.14.0",
    "@smithy/types": "^4.19.0",
    tslib: "^2.6.2"
  },
  devDependencies: {
    "@smithy/snapshot-testing": "^2.4.0",
    "@tsconfig/node20": "20.1.8",
    "@types/node": "^20.14.8",
    concurrently: "7.0.0",
    "downlevel-dts": "0.10.1",
    premove: "4.0.0",
    typescript: "~7.0.2",
    vitest: "^4.0.17"
  },
  engines: {
    node: ">=20.0.0"
  }
};

// node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.js










// node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.shared.js









// node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js


// node_modules/@aws-sdk/client-sts/dist-es/models/STSServiceException.js

var STSServiceException = class _STSServiceException extends _smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.ServiceException {
  static shapeId = "smithy.ts.sdk.synthetic.com.amazonaws.sts#STSServiceException";
  constructor(options) {
    super(options);
    Object.setPrototypeOf(this, _STSServiceException.prototype);
  }
};

// node_modules/@aws-sdk/client-sts/dist-es/models/errors.js
var ExpiredTokenException = class _ExpiredTokenException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#ExpiredTokenException";
  name = "ExpiredTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "ExpiredTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ExpiredTokenException.prototype);
  }
};
var MalformedPolicyDocumentException = class _MalformedPolicyDocumentException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#MalformedPolicyDocumentException";
  name = "MalformedPolicyDocumentException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "MalformedPolicyDocumentException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _MalformedPolicyDocumentException.prototype);
  }
};
var PackedPolicyTooLargeException = class _PackedPolicyTooLargeException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#PackedPolicyTooLargeException";
  name = "PackedPolicyTooLargeException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "PackedPolicyTooLargeException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _PackedPolicyTooLargeException.prototype);
  }
};
var RegionDisabledException = class _RegionDisabledException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#RegionDisabledException";
  name = "RegionDisabledException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "RegionDisabledException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _RegionDisabledException.prototype);
  }
};
var IDPRejectedClaimException = class _IDPRejectedClaimException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#IDPRejectedClaimException";
  name = "IDPRejectedClaimException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "IDPRejectedClaimException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _IDPRejectedClaimException.prototype);
  }
};
var InvalidIdentityTokenException = class _InvalidIdentityTokenException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#InvalidIdentityTokenException";
  name = "InvalidIdentityTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidIdentityTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidIdentityTokenException.prototype);
  }
};
var IDPCommunicationErrorException = class _IDPCommunicationErrorException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#IDPCommunicationErrorException";
  name = "IDPCommunicationErrorException";
  $fault = "client";
  $retryable = {};
  constructor(opts) {
    super({
      name: "IDPCommunicationErrorException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _IDPCommunicationErrorException.prototype);
  }
};
var InvalidAuthorizationMessageException = class _InvalidAuthorizationMessageException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#InvalidAuthorizationMessageException";
  name = "InvalidAuthorizationMessageException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "InvalidAuthorizationMessageException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _InvalidAuthorizationMessageException.prototype);
  }
};
var ExpiredTradeInTokenException = class _ExpiredTradeInTokenException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#ExpiredTradeInTokenException";
  name = "ExpiredTradeInTokenException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "ExpiredTradeInTokenException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _ExpiredTradeInTokenException.prototype);
  }
};
var JWTPayloadSizeExceededException = class _JWTPayloadSizeExceededException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#JWTPayloadSizeExceededException";
  name = "JWTPayloadSizeExceededException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "JWTPayloadSizeExceededException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _JWTPayloadSizeExceededException.prototype);
  }
};
var OutboundWebIdentityFederationDisabledException = class _OutboundWebIdentityFederationDisabledException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#OutboundWebIdentityFederationDisabledException";
  name = "OutboundWebIdentityFederationDisabledException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "OutboundWebIdentityFederationDisabledException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _OutboundWebIdentityFederationDisabledException.prototype);
  }
};
var SessionDurationEscalationException = class _SessionDurationEscalationException extends STSServiceException {
  static shapeId = "com.amazonaws.sts#SessionDurationEscalationException";
  name = "SessionDurationEscalationException";
  $fault = "client";
  constructor(opts) {
    super({
      name: "SessionDurationEscalationException",
      $fault: "client",
      ...opts
    });
    Object.setPrototypeOf(this, _SessionDurationEscalationException.prototype);
  }
};

// node_modules/@aws-sdk/client-sts/dist-es/schemas/schemas_0.js
var _A = "Arn";
var _AKI = "AccessKeyId";
var _ARI = "AssumedRoleId";
var _ARR = "AssumeRoleRequest";
var _ARU = "AssumedRoleUser";
var _ARWWI = "AssumeRoleWithWebIdentity";
var _ARWWIR = "AssumeRoleWithWebIdentityRequest";
var _ARWWIRs = "AssumeRoleWithWebIdentityResponse";
var _Ac = "Account";
var _Au = "Audience";
var _C = "Credentials";
var _CA = "ContextAssertion";
var _DS = "DurationSeconds";
var _E = "Expiration";
var _EI = "ExternalId";
var _ETE = "ExpiredTokenException";
var _ETITE = "ExpiredTradeInTokenException";
var _GCI = "GetCallerIdentity";
var _GCIR = "GetCallerIdentityRequest";
var _GCIRe = "GetCallerIdentityResponse";
var _GWITR = "GetWebIdentityTokenRequest";
var _IAME = "InvalidAuthorizationMessageException";
var _IDPCEE = "IDPCommunicationErrorException";
var _IDPRCE = "IDPRejectedClaimException";
var _IITE = "InvalidIdentityTokenException";
var _JWTPSEE = "JWTPayloadSizeExceededException";
var _K = "Key";
var _MPDE = "MalformedPolicyDocumentException";
var _MSTS = "MinimumSessionTokenSize";
var _OWIFDE = "OutboundWebIdentityFederationDisabledException";
var _P = "Policy";
var _PA = "PolicyArns";
var _PAro = "ProviderArn";
var _PC = "ProvidedContexts";
var _PCLT = "ProvidedContextsListType";
var _PCr = "ProvidedContext";
var _PDT = "PolicyDescriptorType";
var _PI = "ProviderId";
var _PPS = "PackedPolicySize";
var _PPTLE = "PackedPolicyTooLargeException";
var _Pr = "Provider";
var _RA = "RoleArn";
var _RDE = "RegionDisabledException";
var _RSN = "RoleSessionName";
var _SA = "SigningAlgorithm";
var _SAK = "SecretAccessKey";
var _SDEE = "SessionDurationEscalationException";
var _SFWIT = "SubjectFromWebIdentityToken";
var _SI = "SourceIdentity";
var _SN = "SerialNumber";
var _STS = "SessionTokenSize";
var _STU = "SessionTokenUtilization";
var _STe = "SessionToken";
var _T = "Tags";
var _TC = "TokenCode";
var _TTK = "TransitiveTagKeys";
var _Ta = "Tag";
var _UI = "UserId";
var _V = "Value";
var _WIT = "WebIdentityToken";
var _a = "arn";
var _aKST = "accessKeySecretType";
var _c = "client";
var _cTT = "clientTokenType";
var _m = "message";
var _pDLT = "policyDescriptorListType";
var _s = "smithy.ts.sdk.synthetic.com.amazonaws.sts";
var _tLT = "tagListType";
var n0 = "com.amazonaws.sts";
var _s_registry = new _smithy_core_schema__WEBPACK_IMPORTED_MODULE_5__.TypeRegistry(_s);
var STSServiceException$ = [-3, _s, "STSServiceException", 0, [], []];
_s_registry.registerError(STSServiceException$, STSServiceException);
var n0_registry = new _smithy_core_schema__WEBPACK_IMPORTED_MODULE_5__.TypeRegistry(n0);
var ExpiredTokenException$ = [
  -3,
  n0,
  _ETE,
  { "awsQueryError": [`ExpiredTokenException`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(ExpiredTokenException$, ExpiredTokenException);
var ExpiredTradeInTokenException$ = [
  -3,
  n0,
  _ETITE,
  { "awsQueryError": [`ExpiredTradeInTokenException`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(ExpiredTradeInTokenException$, ExpiredTradeInTokenException);
var IDPCommunicationErrorException$ = [
  -3,
  n0,
  _IDPCEE,
  { "awsQueryError": [`IDPCommunicationError`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(IDPCommunicationErrorException$, IDPCommunicationErrorException);
var IDPRejectedClaimException$ = [
  -3,
  n0,
  _IDPRCE,
  { "awsQueryError": [`IDPRejectedClaim`, 403], "error": _c, "httpError": 403 },
  [_m],
  [0]
];
n0_registry.registerError(IDPRejectedClaimException$, IDPRejectedClaimException);
var InvalidAuthorizationMessageException$ = [
  -3,
  n0,
  _IAME,
  { "awsQueryError": [`InvalidAuthorizationMessageException`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(InvalidAuthorizationMessageException$, InvalidAuthorizationMessageException);
var InvalidIdentityTokenException$ = [
  -3,
  n0,
  _IITE,
  { "awsQueryError": [`InvalidIdentityToken`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(InvalidIdentityTokenException$, InvalidIdentityTokenException);
var JWTPayloadSizeExceededException$ = [
  -3,
  n0,
  _JWTPSEE,
  { "awsQueryError": [`JWTPayloadSizeExceededException`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(JWTPayloadSizeExceededException$, JWTPayloadSizeExceededException);
var MalformedPolicyDocumentException$ = [
  -3,
  n0,
  _MPDE,
  { "awsQueryError": [`MalformedPolicyDocument`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(MalformedPolicyDocumentException$, MalformedPolicyDocumentException);
var OutboundWebIdentityFederationDisabledException$ = [
  -3,
  n0,
  _OWIFDE,
  { "awsQueryError": [`OutboundWebIdentityFederationDisabledException`, 403], "error": _c, "httpError": 403 },
  [_m],
  [0]
];
n0_registry.registerError(OutboundWebIdentityFederationDisabledException$, OutboundWebIdentityFederationDisabledException);
var PackedPolicyTooLargeException$ = [
  -3,
  n0,
  _PPTLE,
  { "awsQueryError": [`PackedPolicyTooLarge`, 400], "error": _c, "httpError": 400 },
  [_m],
  [0]
];
n0_registry.registerError(PackedPolicyTooLargeException$, PackedPolicyTooLargeException);
var RegionDisabledException$ = [
  -3,
  n0,
  _RDE,
  { "awsQueryError": [`RegionDisabledException`, 403], "error": _c, "httpError": 403 },
  [_m],
  [0]
];
n0_registry.registerError(RegionDisabledException$, RegionDisabledException);
var SessionDurationEscalationException$ = [
  -3,
  n0,
  _SDEE,
  { "awsQueryError": [`SessionDurationEscalationException`, 403], "error": _c, "httpError": 403 },
  [_m],
  [0]
];
n0_registry.registerError(SessionDurationEscalationException$, SessionDurationEscalationException);
var errorTypeRegistries = [
  _s_registry,
  n0_registry
];
var accessKeySecretType = [0, n0, _aKST, 8, 0];
var clientTokenType = [0, n0, _cTT, 8, 0];
var AssumedRoleUser$ = [
  3,
  n0,
  _ARU,
  0,
  [_ARI, _A],
  [0, 0],
  2
];
var AssumeRoleRequest$ = [
  3,
  n0,
  _ARR,
  0,
  [_RA, _RSN, _PA, _P, _DS, _T, _TTK, _EI, _SN, _TC, _SI, _PC, _MSTS],
  [0, 0, () => policyDescriptorListType, 0, 1, () => tagListType, 64 | 0, 0, 0, 0, 0, () => ProvidedContextsListType, 1],
  2
];
var AssumeRoleWithWebIdentityRequest$ = [
  3,
  n0,
  _ARWWIR,
  0,
  [_RA, _RSN, _WIT, _PI, _PA, _P, _DS, _MSTS],
  [0, 0, [() => clientTokenType, 0], 0, () => policyDescriptorListType, 0, 1, 1],
  3
];
var AssumeRoleWithWebIdentityResponse$ = [
  3,
  n0,
  _ARWWIRs,
  0,
  [_C, _SFWIT, _ARU, _PPS, _Pr, _Au, _SI, _STU, _STS],
  [[() => Credentials$, 0], 0, () => AssumedRoleUser$, 1, 0, 0, 0, 1, 1]
];
var Credentials$ = [
  3,
  n0,
  _C,
  0,
  [_AKI, _SAK, _STe, _E],
  [0, [() => accessKeySecretType, 0], 0, 4],
  4
];
var GetCallerIdentityRequest$ = [
  3,
  n0,
  _GCIR,
  0,
  [],
  []
];
var GetCallerIdentityResponse$ = [
  3,
  n0,
  _GCIRe,
  0,
  [_UI, _Ac, _A],
  [0, 0, 0]
];
var GetWebIdentityTokenRequest$ = [
  3,
  n0,
  _GWITR,
  0,
  [_Au, _SA, _DS, _T],
  [64 | 0, 0, 1, () => tagListType],
  2
];
var PolicyDescriptorType$ = [
  3,
  n0,
  _PDT,
  0,
  [_a],
  [0]
];
var ProvidedContext$ = [
  3,
  n0,
  _PCr,
  0,
  [_PAro, _CA],
  [0, 0]
];
var Tag$ = [
  3,
  n0,
  _Ta,
  0,
  [_K, _V],
  [0, 0],
  2
];
var policyDescriptorListType = [
  1,
  n0,
  _pDLT,
  0,
  () => PolicyDescriptorType$
];
var ProvidedContextsListType = [
  1,
  n0,
  _PCLT,
  0,
  () => ProvidedContext$
];
var tagKeyListType = (/* unused pure expression or super */ null && (64 | 0));
var tagListType = [
  1,
  n0,
  _tLT,
  0,
  () => Tag$
];
var webIdentityTokenAudienceListType = (/* unused pure expression or super */ null && (64 | 0));
var AssumeRoleWithWebIdentity$ = [
  9,
  n0,
  _ARWWI,
  0,
  () => AssumeRoleWithWebIdentityRequest$,
  () => AssumeRoleWithWebIdentityResponse$
];
var GetCallerIdentity$ = [
  9,
  n0,
  _GCI,
  0,
  () => GetCallerIdentityRequest$,
  () => GetCallerIdentityResponse$
];

// node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.shared.js
var getRuntimeConfig = (config) => {
  return {
    apiVersion: "2011-06-15",
    base64Decoder: config?.base64Decoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__.fromBase64,
    base64Encoder: config?.base64Encoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__.toBase64,
    disableHostPrefix: config?.disableHostPrefix ?? false,
    endpointProvider: config?.endpointProvider ?? defaultEndpointResolver,
    extensions: config?.extensions ?? [],
    httpAuthSchemeProvider: config?.httpAuthSchemeProvider ?? defaultSTSHttpAuthSchemeProvider,
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4"),
        signer: new _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.AwsSdkSigV4Signer()
      },
      {
        schemeId: "aws.auth#sigv4a",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4a"),
        signer: new _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.AwsSdkSigV4ASigner()
      },
      {
        schemeId: "smithy.api#noAuth",
        identityProvider: (ipc) => ipc.getIdentityProvider("smithy.api#noAuth") || (async () => ({})),
        signer: new _smithy_core__WEBPACK_IMPORTED_MODULE_7__.NoAuthSigner()
      }
    ],
    logger: config?.logger ?? new _smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.NoOpLogger(),
    protocol: config?.protocol ?? _aws_sdk_core_protocols__WEBPACK_IMPORTED_MODULE_8__.AwsQueryProtocol,
    protocolSettings: config?.protocolSettings ?? {
      defaultNamespace: "com.amazonaws.sts",
      errorTypeRegistries,
      xmlNamespace: "https://sts.amazonaws.com/doc/2011-06-15/",
      version: "2011-06-15",
      serviceTarget: "AWSSecurityTokenServiceV20110615"
    },
    serviceId: config?.serviceId ?? "STS",
    sha256: config?.sha256 ?? _smithy_core_checksum__WEBPACK_IMPORTED_MODULE_9__.Sha256,
    signerConstructor: config?.signerConstructor ?? _aws_sdk_signature_v4_multi_region__WEBPACK_IMPORTED_MODULE_3__.SignatureV4MultiRegion,
    urlParser: config?.urlParser ?? _smithy_core_protocols__WEBPACK_IMPORTED_MODULE_10__.parseUrl,
    utf8Decoder: config?.utf8Decoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__.fromUtf8,
    utf8Encoder: config?.utf8Encoder ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__.toUtf8
  };
};

// node_modules/@aws-sdk/client-sts/dist-es/runtimeConfig.js
var getRuntimeConfig2 = (config) => {
  (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.emitWarningIfUnsupportedVersion)(process.version);
  const defaultsMode = (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.resolveDefaultsModeConfig)(config);
  const defaultConfigProvider = () => defaultsMode().then(_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.loadConfigsForDefaultMode);
  const clientSharedValues = getRuntimeConfig(config);
  (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.emitWarningIfUnsupportedVersion)(process.version);
  const loaderConfig = {
    profile: config?.profile,
    logger: clientSharedValues.logger
  };
  return {
    ...clientSharedValues,
    ...config,
    runtime: "node",
    defaultsMode,
    authSchemePreference: config?.authSchemePreference ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.NODE_AUTH_SCHEME_PREFERENCE_OPTIONS, loaderConfig),
    bodyLengthChecker: config?.bodyLengthChecker ?? _smithy_core_serde__WEBPACK_IMPORTED_MODULE_6__.calculateBodyLength,
    credentialDefaultProvider: config?.credentialDefaultProvider ?? _aws_sdk_credential_provider_node__WEBPACK_IMPORTED_MODULE_12__/* .defaultProvider */ .v6,
    defaultSocketTimeout: (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getDefaultSocketTimeout)(config?.requestHandler, 3e5),
    defaultUserAgentProvider: config?.defaultUserAgentProvider ?? (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.createDefaultUserAgentProvider)({ serviceId: clientSharedValues.serviceId, clientVersion: package_default.version }),
    httpAuthSchemes: config?.httpAuthSchemes ?? [
      {
        schemeId: "aws.auth#sigv4",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4") || (async (idProps) => await (0,_aws_sdk_credential_provider_node__WEBPACK_IMPORTED_MODULE_12__/* .defaultProvider */ .v6)(idProps?.__config || {})()),
        signer: new _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.AwsSdkSigV4Signer()
      },
      {
        schemeId: "aws.auth#sigv4a",
        identityProvider: (ipc) => ipc.getIdentityProvider("aws.auth#sigv4a"),
        signer: new _aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.AwsSdkSigV4ASigner()
      },
      {
        schemeId: "smithy.api#noAuth",
        identityProvider: (ipc) => ipc.getIdentityProvider("smithy.api#noAuth") || (async () => ({})),
        signer: new _smithy_core__WEBPACK_IMPORTED_MODULE_7__.NoAuthSigner()
      }
    ],
    maxAttempts: config?.maxAttempts ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__.NODE_MAX_ATTEMPT_CONFIG_OPTIONS, config),
    region: config?.region ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.NODE_REGION_CONFIG_OPTIONS, { ..._smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.NODE_REGION_CONFIG_FILE_OPTIONS, ...loaderConfig }),
    requestHandler: _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_14__.NodeHttpHandler.create(config?.requestHandler ?? defaultConfigProvider),
    retryMode: config?.retryMode ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)({
      ..._smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__.NODE_RETRY_MODE_CONFIG_OPTIONS,
      default: async () => (await defaultConfigProvider()).retryMode || _smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__.DEFAULT_RETRY_MODE
    }, config),
    sigv4aSigningRegionSet: config?.sigv4aSigningRegionSet ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_aws_sdk_core_httpAuthSchemes__WEBPACK_IMPORTED_MODULE_4__.NODE_SIGV4A_CONFIG_OPTIONS, loaderConfig),
    streamCollector: config?.streamCollector ?? _smithy_node_http_handler__WEBPACK_IMPORTED_MODULE_14__.streamCollector,
    useDualstackEndpoint: config?.useDualstackEndpoint ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.NODE_USE_DUALSTACK_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    useFipsEndpoint: config?.useFipsEndpoint ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.NODE_USE_FIPS_ENDPOINT_CONFIG_OPTIONS, loaderConfig),
    userAgentAppId: config?.userAgentAppId ?? (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.loadConfig)(_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.NODE_APP_ID_CONFIG_OPTIONS, loaderConfig)
  };
};

// node_modules/@aws-sdk/client-sts/dist-es/runtimeExtensions.js




// node_modules/@aws-sdk/client-sts/dist-es/auth/httpAuthExtensionConfiguration.js
var getHttpAuthExtensionConfiguration = (runtimeConfig) => {
  const _httpAuthSchemes = runtimeConfig.httpAuthSchemes;
  let _httpAuthSchemeProvider = runtimeConfig.httpAuthSchemeProvider;
  let _credentials = runtimeConfig.credentials;
  return {
    setHttpAuthScheme(httpAuthScheme) {
      const index = _httpAuthSchemes.findIndex((scheme) => scheme.schemeId === httpAuthScheme.schemeId);
      if (index === -1) {
        _httpAuthSchemes.push(httpAuthScheme);
      } else {
        _httpAuthSchemes.splice(index, 1, httpAuthScheme);
      }
    },
    httpAuthSchemes() {
      return _httpAuthSchemes;
    },
    setHttpAuthSchemeProvider(httpAuthSchemeProvider) {
      _httpAuthSchemeProvider = httpAuthSchemeProvider;
    },
    httpAuthSchemeProvider() {
      return _httpAuthSchemeProvider;
    },
    setCredentials(credentials) {
      _credentials = credentials;
    },
    credentials() {
      return _credentials;
    }
  };
};
var resolveHttpAuthRuntimeConfig = (config) => {
  return {
    httpAuthSchemes: config.httpAuthSchemes(),
    httpAuthSchemeProvider: config.httpAuthSchemeProvider(),
    credentials: config.credentials()
  };
};

// node_modules/@aws-sdk/client-sts/dist-es/runtimeExtensions.js
var resolveRuntimeExtensions = (runtimeConfig, extensions) => {
  const extensionConfiguration = Object.assign((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getAwsRegionExtensionConfiguration)(runtimeConfig), (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.getDefaultExtensionConfiguration)(runtimeConfig), (0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_10__.getHttpHandlerExtensionConfiguration)(runtimeConfig), getHttpAuthExtensionConfiguration(runtimeConfig));
  extensions.forEach((extension) => extension.configure(extensionConfiguration));
  return Object.assign(runtimeConfig, (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.resolveAwsRegionExtensionConfiguration)(extensionConfiguration), (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.resolveDefaultRuntimeConfig)(extensionConfiguration), (0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_10__.resolveHttpHandlerRuntimeConfig)(extensionConfiguration), resolveHttpAuthRuntimeConfig(extensionConfiguration));
};

// node_modules/@aws-sdk/client-sts/dist-es/STSClient.js
var STSClient = class extends _smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.Client {
  config;
  constructor(...[configuration]) {
    const _config_0 = getRuntimeConfig2(configuration || {});
    super(_config_0);
    this.initConfig = _config_0;
    const _config_1 = resolveClientEndpointParameters(_config_0);
    const _config_2 = (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.resolveUserAgentConfig)(_config_1);
    const _config_3 = (0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__.resolveRetryConfig)(_config_2);
    const _config_4 = (0,_smithy_core_config__WEBPACK_IMPORTED_MODULE_11__.resolveRegionConfig)(_config_3);
    const _config_5 = (0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.resolveHostHeaderConfig)(_config_4);
    const _config_6 = (0,_smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.resolveEndpointConfig)(_config_5);
    const _config_7 = resolveHttpAuthSchemeConfig(_config_6);
    const _config_8 = resolveRuntimeExtensions(_config_7, configuration?.extensions || []);
    this.config = _config_8;
    this.middlewareStack.use((0,_smithy_core_schema__WEBPACK_IMPORTED_MODULE_5__.getSchemaSerdePlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getUserAgentPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core_retry__WEBPACK_IMPORTED_MODULE_13__.getRetryPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core_protocols__WEBPACK_IMPORTED_MODULE_10__.getContentLengthPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getHostHeaderPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getLoggerPlugin)(this.config));
    this.middlewareStack.use((0,_aws_sdk_core_client__WEBPACK_IMPORTED_MODULE_1__.getRecursionDetectionPlugin)(this.config));
    this.middlewareStack.use((0,_smithy_core__WEBPACK_IMPORTED_MODULE_7__.getHttpAuthSchemeEndpointRuleSetPlugin)(this.config, {
      httpAuthSchemeParametersProvider: defaultSTSHttpAuthSchemeParametersProvider,
      identityProviderConfigProvider: async (config) => new _smithy_core__WEBPACK_IMPORTED_MODULE_7__.DefaultIdentityProviderConfig({
        "aws.auth#sigv4": config.credentials,
        "aws.auth#sigv4a": config.credentials
      })
    }));
    this.middlewareStack.use((0,_smithy_core__WEBPACK_IMPORTED_MODULE_7__.getHttpSigningPlugin)(this.config));
  }
  destroy() {
    super.destroy();
  }
};

// node_modules/@aws-sdk/client-sts/dist-es/commandBuilder.js


var command = (0,_smithy_core_client__WEBPACK_IMPORTED_MODULE_2__.makeBuilder)(commonParams, "AWSSecurityTokenServiceV20110615", "STSClient", _smithy_core_endpoints__WEBPACK_IMPORTED_MODULE_0__.getEndpointPlugin);
var _ep0 = {};
var _mw0 = (Command, cs, config, o2) => [];

// node_modules/@aws-sdk/client-sts/dist-es/commands/AssumeRoleWithWebIdentityCommand.js
var AssumeRoleWithWebIdentityCommand = class extends command(_ep0, _mw0, "AssumeRoleWithWebIdentity", AssumeRoleWithWebIdentity$) {
};

// node_modules/@aws-sdk/client-sts/dist-es/commands/GetCallerIdentityCommand.js
var GetCallerIdentityCommand = class extends command(_ep0, _mw0, "GetCallerIdentity", GetCallerIdentity$) {
};



/***/ })

};
