namespace Bitcoin.Common.Rpc;

/// <summary>
/// JSON-RPC error codes with Bitcoin Core's numbers (rpc/protocol.h, RPCErrorCode). Names are Core's without the
/// RPC_ prefix, in C# casing: RPC_INVALID_PARAMETER is <see cref="InvalidParameter"/>.
/// </summary>
public enum RpcErrorCode
{
    // Standard JSON-RPC 2.0 errors.

    /// <summary>RPC_INVALID_REQUEST: the request object is malformed. Answered with HTTP 400 for JSON-RPC 1.x.</summary>
    InvalidRequest = -32600,
    /// <summary>RPC_METHOD_NOT_FOUND: no such method. Answered with HTTP 404 for JSON-RPC 1.x.</summary>
    MethodNotFound = -32601,
    /// <summary>RPC_INVALID_PARAMS.</summary>
    InvalidParams = -32602,
    /// <summary>RPC_INTERNAL_ERROR: a genuine error inside the server (e.g. data directory corruption).</summary>
    InternalError = -32603,
    /// <summary>RPC_PARSE_ERROR: the body is not JSON.</summary>
    ParseError = -32700,

    // General application errors.

    /// <summary>RPC_MISC_ERROR: an exception in command handling.</summary>
    MiscError = -1,
    /// <summary>RPC_TYPE_ERROR: a parameter has an unexpected JSON type.</summary>
    TypeError = -3,
    /// <summary>RPC_INVALID_ADDRESS_OR_KEY.</summary>
    InvalidAddressOrKey = -5,
    /// <summary>RPC_OUT_OF_MEMORY.</summary>
    OutOfMemory = -7,
    /// <summary>RPC_INVALID_PARAMETER: invalid, missing or duplicate parameter.</summary>
    InvalidParameter = -8,
    /// <summary>RPC_DATABASE_ERROR.</summary>
    DatabaseError = -20,
    /// <summary>RPC_DESERIALIZATION_ERROR: a raw structure (transaction, block, PSBT) could not be parsed.</summary>
    DeserializationError = -22,
    /// <summary>RPC_VERIFY_ERROR (alias RPC_TRANSACTION_ERROR): error during transaction or block submission.</summary>
    VerifyError = -25,
    /// <summary>RPC_VERIFY_REJECTED (alias RPC_TRANSACTION_REJECTED): rejected by network rules.</summary>
    VerifyRejected = -26,
    /// <summary>RPC_VERIFY_ALREADY_IN_UTXO_SET.</summary>
    VerifyAlreadyInUtxoSet = -27,
    /// <summary>RPC_IN_WARMUP: the server is still starting; the message is the current start-up status.</summary>
    InWarmup = -28,
    /// <summary>RPC_METHOD_DEPRECATED.</summary>
    MethodDeprecated = -32,
    /// <summary>RPC_LIMIT_EXCEEDED: a bounded resource is at capacity.</summary>
    LimitExceeded = -37,

    /// <summary>RPC_TRANSACTION_ERROR, the older name of <see cref="VerifyError"/>.</summary>
    TransactionError = VerifyError,
    /// <summary>RPC_TRANSACTION_REJECTED, the older name of <see cref="VerifyRejected"/>.</summary>
    TransactionRejected = VerifyRejected,

    // P2P client errors.

    /// <summary>RPC_CLIENT_NOT_CONNECTED (also "Shutting down" from an interrupted call).</summary>
    ClientNotConnected = -9,
    /// <summary>RPC_CLIENT_IN_INITIAL_DOWNLOAD.</summary>
    ClientInInitialDownload = -10,
    /// <summary>RPC_CLIENT_NODE_ALREADY_ADDED.</summary>
    ClientNodeAlreadyAdded = -23,
    /// <summary>RPC_CLIENT_NODE_NOT_ADDED.</summary>
    ClientNodeNotAdded = -24,
    /// <summary>RPC_CLIENT_NODE_NOT_CONNECTED.</summary>
    ClientNodeNotConnected = -29,
    /// <summary>RPC_CLIENT_INVALID_IP_OR_SUBNET.</summary>
    ClientInvalidIpOrSubnet = -30,
    /// <summary>RPC_CLIENT_P2P_DISABLED.</summary>
    ClientP2PDisabled = -31,
    /// <summary>RPC_CLIENT_NODE_CAPACITY_REACHED.</summary>
    ClientNodeCapacityReached = -34,

    // Chain errors.

    /// <summary>RPC_CLIENT_MEMPOOL_DISABLED.</summary>
    ClientMempoolDisabled = -33,

    // Wallet errors.

    /// <summary>RPC_WALLET_ERROR: unspecified wallet problem.</summary>
    WalletError = -4,
    /// <summary>RPC_WALLET_INSUFFICIENT_FUNDS.</summary>
    WalletInsufficientFunds = -6,
    /// <summary>RPC_WALLET_INVALID_LABEL_NAME (alias RPC_WALLET_INVALID_ACCOUNT_NAME).</summary>
    WalletInvalidLabelName = -11,
    /// <summary>RPC_WALLET_KEYPOOL_RAN_OUT.</summary>
    WalletKeypoolRanOut = -12,
    /// <summary>RPC_WALLET_UNLOCK_NEEDED.</summary>
    WalletUnlockNeeded = -13,
    /// <summary>RPC_WALLET_PASSPHRASE_INCORRECT.</summary>
    WalletPassphraseIncorrect = -14,
    /// <summary>RPC_WALLET_WRONG_ENC_STATE.</summary>
    WalletWrongEncState = -15,
    /// <summary>RPC_WALLET_ENCRYPTION_FAILED.</summary>
    WalletEncryptionFailed = -16,
    /// <summary>RPC_WALLET_ALREADY_UNLOCKED.</summary>
    WalletAlreadyUnlocked = -17,
    /// <summary>RPC_WALLET_NOT_FOUND: the wallet named in the request is not loaded.</summary>
    WalletNotFound = -18,
    /// <summary>RPC_WALLET_NOT_SPECIFIED: several wallets are loaded and none was named.</summary>
    WalletNotSpecified = -19,
    /// <summary>RPC_WALLET_ALREADY_LOADED.</summary>
    WalletAlreadyLoaded = -35,
    /// <summary>RPC_WALLET_ALREADY_EXISTS.</summary>
    WalletAlreadyExists = -36,
    /// <summary>RPC_WALLET_INVALID_ACCOUNT_NAME, the older name of <see cref="WalletInvalidLabelName"/>.</summary>
    WalletInvalidAccountName = WalletInvalidLabelName,

    /// <summary>RPC_FORBIDDEN_BY_SAFE_MODE: reserved, no longer used.</summary>
    ForbiddenBySafeMode = -2,
}
