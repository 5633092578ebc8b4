namespace Bitcoin.Common.Args;

/// <summary>
/// How an option is validated and interpreted, as Core's <c>ArgsManager::Flags</c> (same bit values). Current Core
/// implements no typed validation (its ALLOW_BOOL/INT/STRING/LIST are reserved and unimplemented), so every option is
/// registered with <see cref="AllowAny"/> and typed parsing happens where the value is used.
/// </summary>
[Flags]
public enum ArgFlags : uint
{
    /// <summary>No flags (an unregistered option).</summary>
    None = 0,

    /// <summary>Any value is accepted (Core's ALLOW_ANY); set on every option.</summary>
    AllowAny = 0x01,

    /// <summary>Refuse <c>-nofoo</c>: "Negating of -foo is meaningless and therefore forbidden".</summary>
    DisallowNegation = 0x20,

    /// <summary>Refuse <c>-foo</c> without '=': "Can not set -foo with no value. Please specify value with -foo=value.".</summary>
    DisallowElision = 0x40,

    /// <summary>Shown only in <c>-help-debug</c>.</summary>
    DebugOnly = 0x100,

    /// <summary>
    /// Ignored in the config file's default section unless the chain is main: must be put in the network's section
    /// (<c>[regtest]</c>) so a config shared between networks cannot leak, e.g., <c>-rpcport</c> or <c>-wallet</c>.
    /// </summary>
    NetworkOnly = 0x200,

    /// <summary>The value is secret (a password): logged as "****".</summary>
    Sensitive = 0x400,

    /// <summary>A command (first non-option argument) registered with <c>AddCommand</c>.</summary>
    Command = 0x800,
}
