namespace PaymentsPortal.SyntheticData;

/// <summary>
/// The set-based INSERT that makes one chunk of synthetic payments. The innermost query draws every random number a row needs
/// once (a subquery with volatile functions is never flattened, so each draw is fixed per row); the middle one turns them into
/// the payment's merchant, time, status, currency, gateway and amount; the outer one writes columns that agree with each other
/// and with the table's CHECK constraints (captured ≤ amount, refunded ≤ captured).
/// </summary>
internal static class SyntheticPaymentsSql
{
    /// <summary>
    /// $1 merchants (uuid[], the first takes half the rows), $2 first row number, $3 last row number (1-based, inclusive),
    /// $4 start of the period, $5 seconds between consecutive rows, $6 size of the customer pool, $7 end of the period.
    /// </summary>
    public const string InsertChunk =
        """
        INSERT INTO payments (merchant_id, id, amount_minor, currency_code, capture_immediately, status, version, captured_minor,
            refunded_minor, description, customer_email, token_issuer, token_value, gateway, gateway_reference, card_brand, card_last4,
            card_expiry_month, card_expiry_year, review_reason, next_reconciliation_at, reconciliation_attempts, created_at, updated_at,
            failed_over)
        SELECT merchant_id,
               -- A UUIDv7 of the creation time, as Guid.CreateVersion7 gives the app's own payments: ids rise with time.
               encode(set_bit(set_bit(overlay(uuid_send(gen_random_uuid())
                   PLACING substring(int8send(floor(extract(epoch FROM created_at) * 1000)::bigint) FROM 3) FROM 1 FOR 6), 52, 1), 53, 1), 'hex')::uuid,
               amount, currency, status <> 'Authorized', status,
               CASE WHEN status IN ('Refunded', 'PartiallyRefunded', 'Canceled', 'RequiresReview') THEN 4 ELSE 3 END,
               CASE WHEN status IN ('Succeeded', 'Refunded', 'PartiallyRefunded') THEN amount ELSE 0 END,
               CASE status
                   WHEN 'Refunded' THEN amount
                   -- Strictly between nothing and everything; amounts start at 100 minor units, so there is room.
                   WHEN 'PartiallyRefunded' THEN least(amount - 1, greatest(1, floor(amount * (0.1 + 0.8 * r_refund))::bigint))
                   ELSE 0
               END,
               'Order #' || n || ' · ' || (ARRAY['Espresso beans 1 kg', 'Annual subscription', 'Monthly subscription', 'Gift card',
                   'Ceramic mug', 'Shipping upgrade', 'Paperback book', 'Concert ticket', 'Yoga class pack', 'Bike repair', 'Hotel night',
                   'Train ticket', 'Phone case', 'Running shoes', 'Desk lamp', 'Tea sampler', 'Wool scarf', 'Cooking class', 'Museum pass',
                   'Plant pot'])[1 + floor(r_product * 20)::int],
               -- One in ten payments has no email; repeat customers are common (the square favours low numbers).
               CASE WHEN r_email < 0.1 THEN NULL
                    ELSE 'customer' || customer || '@example.' || (ARRAY['com', 'net', 'org'])[1 + customer % 3] END,
               gateway,
               -- Random hex: to_hex of a 52-bit draw costs a fraction of md5 over random text.
               CASE gateway WHEN 'Stripe' THEN 'pm_' ELSE 'tokencc_' END || lpad(to_hex((random() * 4503599627370496)::bigint), 13, '0'),
               gateway,
               -- An answer that was lost leaves no reference behind.
               CASE WHEN status IN ('RequiresReconciliation', 'RequiresReview') THEN NULL
                    WHEN gateway = 'Stripe' THEN 'pi_' || lpad(to_hex((random() * 4503599627370496)::bigint), 13, '0')
                    ELSE lpad(to_hex((random() * 4294967295)::bigint), 8, '0') END,
               CASE WHEN r_card < 0.55 THEN 'visa' WHEN r_card < 0.85 THEN 'mastercard' WHEN r_card < 0.95 THEN 'amex' ELSE 'discover' END,
               lpad(floor(r_last4 * 10000)::int::text, 4, '0'),
               1 + floor(r_expiry * 60)::int % 12,
               extract(year FROM created_at)::int + 1 + floor(r_expiry * 5)::int,
               CASE WHEN status = 'RequiresReview' THEN 'The gateway never confirmed or denied the charge (synthetic).' END,
               -- Never due: a running app's reconciliation must not ask a gateway about payments it never sent.
               NULL,
               CASE WHEN status IN ('RequiresReconciliation', 'RequiresReview') THEN 1 ELSE 0 END,
               created_at,
               CASE WHEN status IN ('Refunded', 'PartiallyRefunded') THEN least($7::timestamptz, created_at + r_refund * interval '20 days')
                    ELSE least($7::timestamptz, created_at + interval '2 seconds') END,
               failed_over
        FROM (
            SELECT n, created_at, r_refund, r_product, r_email, r_card, r_last4, r_expiry,
                   floor(r_customer * r_customer * $6::bigint)::bigint AS customer,
                   ($1::uuid[])[CASE WHEN r_merchant < 0.5 OR cardinality($1::uuid[]) = 1 THEN 1
                                     ELSE 2 + floor((r_merchant - 0.5) * 2 * (cardinality($1::uuid[]) - 1))::int END] AS merchant_id,
                   CASE WHEN r_status < 0.800 THEN 'Succeeded'
                        WHEN r_status < 0.920 THEN 'Failed'
                        WHEN r_status < 0.940 THEN 'Refunded'
                        WHEN r_status < 0.960 THEN 'PartiallyRefunded'
                        WHEN r_status < 0.975 THEN 'Canceled'
                        WHEN r_status < 0.990 THEN 'Authorized'
                        WHEN r_status < 0.995 THEN 'RequiresAction'
                        WHEN r_status < 0.999 THEN 'RequiresReconciliation'
                        ELSE 'RequiresReview' END AS status,
                   CASE WHEN r_currency < 0.70 THEN 'USD' WHEN r_currency < 0.85 THEN 'EUR' WHEN r_currency < 0.95 THEN 'GBP' ELSE 'JPY' END AS currency,
                   r_failover < 0.03 AS failed_over,
                   -- A payment that failed over moved on from Stripe, the first gateway, to Braintree.
                   CASE WHEN r_failover < 0.03 OR r_gateway < 0.2 THEN 'Braintree' ELSE 'Stripe' END AS gateway,
                   -- 100 to about 300,000 minor units, most near 5,500 (a log-triangular spread): $1 to $3,000, or ¥100 to ¥300,000
                   -- for JPY, whose minor unit is the yen itself.
                   round(100 * exp((r_amount1 + r_amount2) * 4))::bigint AS amount
            FROM (
                SELECT n,
                       $4::timestamptz + (n - 1 + random()) * $5::double precision * interval '1 second' AS created_at,
                       random() AS r_merchant, random() AS r_status, random() AS r_currency, random() AS r_gateway,
                       random() AS r_failover, random() AS r_amount1, random() AS r_amount2, random() AS r_refund,
                       random() AS r_product, random() AS r_email, random() AS r_customer, random() AS r_card,
                       random() AS r_last4, random() AS r_expiry
                FROM generate_series($2::bigint, $3::bigint) AS n
            ) AS draws
        ) AS shaped
        """;

    /// <summary>Removes the daily totals of the merchants in $1, state and dirty days included (one statement: $1 is positional).</summary>
    public const string ForgetDailyTotals = """
        WITH state AS (DELETE FROM payment_daily_stats_state WHERE merchant_id = ANY($1)),
             dirty AS (DELETE FROM payment_daily_stats_dirty WHERE merchant_id = ANY($1))
        DELETE FROM payment_daily_stats WHERE merchant_id = ANY($1);
        """;
}
