namespace Bitcoin.Kernel.Serialization;

/// <summary>
/// Core's amount compression for the coins database and undo data: trailing decimal zeros become an exponent so
/// round amounts take one or two VARINT bytes. Defined for 0 ≤ amount ≤ MAX_MONEY (and decodes every ulong).
/// </summary>
public static class AmountCompression
{
    /// <summary>Compresses a satoshi amount.</summary>
    public static ulong Compress(ulong amount)
    {
        if (amount == 0) return 0;
        int exponent = 0;
        while (amount % 10 == 0 && exponent < 9)
        {
            amount /= 10;
            exponent++;
        }
        if (exponent < 9)
        {
            ulong lastDigit = amount % 10; // 1..9, since trailing zeros were removed
            amount /= 10;
            return 1 + (amount * 9 + lastDigit - 1) * 10 + (ulong)exponent;
        }
        return 1 + (amount - 1) * 10 + 9;
    }

    /// <summary>Reverses <see cref="Compress"/>.</summary>
    public static ulong Decompress(ulong compressed)
    {
        if (compressed == 0) return 0;
        compressed--;
        int exponent = (int)(compressed % 10);
        compressed /= 10;
        ulong amount;
        if (exponent < 9)
        {
            ulong lastDigit = compressed % 9 + 1;
            compressed /= 9;
            amount = compressed * 10 + lastDigit;
        }
        else
        {
            amount = compressed + 1;
        }
        while (exponent-- > 0) amount *= 10;
        return amount;
    }
}
