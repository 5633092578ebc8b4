namespace Bitcoin.Common.Descriptors.Miniscript;

/// <summary>
/// A candidate witness stack for a (dis)satisfaction with the facts the satisfier reasons about (Core's InputStack):
/// availability, whether it holds a signature, malleability and canonicity, and its serialized size.
/// + concatenates, | picks the better of two alternatives.
/// </summary>
internal sealed class InputStack
{
    public Availability Available { get; private set; } = Availability.Yes;
    public bool HasSig { get; private set; }
    public bool Malleable { get; private set; }
    public bool NonCanon { get; private set; }
    public long Size { get; private set; }
    public List<byte[]> Stack { get; private set; } = [];

    public InputStack()
    {
    }

    public InputStack(byte[] element)
    {
        Size = element.Length + 1;
        Stack = [element];
    }

    private InputStack Copy() => new()
    {
        Available = Available,
        HasSig = HasSig,
        Malleable = Malleable,
        NonCanon = NonCanon,
        Size = Size,
        Stack = [.. Stack],
    };

    public static InputStack Zero => new([]);
    public static InputStack Zero32 => new InputStack(new byte[32]).SetMalleable();
    public static InputStack One => new([1]);
    public static InputStack EmptyStack => new();
    public static InputStack Invalid => new InputStack().SetAvailable(Availability.No);

    public InputStack SetAvailable(Availability avail)
    {
        var r = Copy();
        r.Available = avail;
        if (avail == Availability.No)
        {
            r.Stack = [];
            r.Size = long.MaxValue;
            r.HasSig = false;
            r.Malleable = false;
            r.NonCanon = false;
        }
        return r;
    }

    public InputStack SetWithSig()
    {
        var r = Copy();
        r.HasSig = true;
        return r;
    }

    public InputStack SetNonCanon()
    {
        var r = Copy();
        r.NonCanon = true;
        return r;
    }

    public InputStack SetMalleable(bool malleable = true)
    {
        var r = Copy();
        r.Malleable = malleable;
        return r;
    }

    public static InputStack operator +(InputStack a, InputStack b)
    {
        var r = a.Copy();
        r.Stack = [.. a.Stack, .. b.Stack];
        if (a.Available != Availability.No && b.Available != Availability.No) r.Size = a.Size + b.Size;
        r.HasSig = a.HasSig || b.HasSig;
        r.Malleable = a.Malleable || b.Malleable;
        r.NonCanon = a.NonCanon || b.NonCanon;
        if (a.Available == Availability.No || b.Available == Availability.No) return r.SetAvailable(Availability.No);
        if (a.Available == Availability.Maybe || b.Available == Availability.Maybe) return r.SetAvailable(Availability.Maybe);
        return r;
    }

    public static InputStack operator |(InputStack a, InputStack b)
    {
        if (a.Available == Availability.No) return b;
        if (b.Available == Availability.No) return a;
        // A solution without a signature must be preferred: a third party could otherwise swap it in.
        if (!a.HasSig && b.HasSig) return a;
        if (!b.HasSig && a.HasSig) return b;
        if (!a.HasSig && !b.HasSig)
        {
            // Two signature-free options: either can be used by anyone, so the result is malleable.
            a = a.SetMalleable();
            b = b.SetMalleable();
        }
        else
        {
            if (b.Malleable && !a.Malleable) return a;
            if (a.Malleable && !b.Malleable) return b;
        }
        if (a.Available == Availability.Yes && b.Available == Availability.Yes) return a.Size <= b.Size ? a : b;
        if (a.Available == Availability.Maybe && b.Available == Availability.Maybe) return a.Size >= b.Size ? a : b;
        return a.Available == Availability.Yes ? a : b;
    }
}
