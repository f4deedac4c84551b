extension UpliftPolicy {
    /// The fee table's key column (`key:`, default `fee_id`): what `fees diff` matches lines by.
    public var keyColumn: String { key }
    /// The column of this year's amounts (`amount:`): the earlier table's amount for `fees diff`.
    public var amountColumn: String { amount }
    /// The column of next year's proposal (`proposed:`): the later table's amount for `fees diff`.
    public var proposedColumn: String { proposed }
}
