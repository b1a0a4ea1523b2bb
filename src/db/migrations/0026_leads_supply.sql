-- A refresh finds every stored finding of the supplies (link groups) a change touches: by the
-- samples a finding cites, by the samples its supply holds (`supplySamples`, on one finding of
-- each supply) and by the supply's name. Without these, each look-up read every stored finding.
CREATE INDEX leads_supply_samples_idx ON leads USING gin ((evidence -> 'supplySamples')) WHERE part = 'link';
CREATE INDEX leads_supply_idx ON leads ((evidence ->> 'supply')) WHERE part = 'link';
