"""Where an account's facts come from: the live Alibaba Cloud APIs or an inventory file."""
