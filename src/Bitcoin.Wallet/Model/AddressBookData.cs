using Bitcoin.Interfaces;

namespace Bitcoin.Wallet.Model;

/// <summary>
/// An address book entry (Core's <c>CAddressBookData</c>): a label (null for change addresses the wallet saw but never
/// labelled), a purpose, whether it was spent from (avoid_reuse), and GUI receive requests.
/// </summary>
public sealed class AddressBookData
{
    /// <summary>The label; null means the entry is change (Core's IsChange).</summary>
    public string? Label { get; set; }

    /// <summary>The purpose, if known.</summary>
    public AddressPurpose? Purpose { get; set; }

    /// <summary>True once an output to the address was spent (the "used" destdata).</summary>
    public bool PreviouslySpent { get; set; }

    /// <summary>Receive requests by id ("rr" destdata).</summary>
    public SortedDictionary<string, string> ReceiveRequests { get; } = new(StringComparer.Ordinal);

    /// <summary>True if this is a change address (no label was ever set).</summary>
    public bool IsChange => Label is null;

    /// <summary>The label, "" for change.</summary>
    public string GetLabel() => Label ?? "";

    /// <summary>Core's purpose strings.</summary>
    public static string PurposeToString(AddressPurpose purpose) => purpose switch
    {
        AddressPurpose.Receive => "receive",
        AddressPurpose.Send => "send",
        AddressPurpose.Refund => "refund",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    /// <summary>Parses a purpose string; null if unknown.</summary>
    public static AddressPurpose? PurposeFromString(string text) => text switch
    {
        "receive" => AddressPurpose.Receive,
        "send" => AddressPurpose.Send,
        "refund" => AddressPurpose.Refund,
        _ => null,
    };
}
