import { Stack, Title, type MantineSpacing } from '@mantine/core';
import { useId, type ReactNode } from 'react';

/** A part of a page under its heading, a region named by it. */
export function Section({
  title,
  children,
  order = 2,
  gap = 'sm',
}: {
  title: string;
  children: ReactNode;
  order?: 2 | 3;
  gap?: MantineSpacing;
}) {
  const heading = useId();
  return (
    <Stack gap={gap} component="section" aria-labelledby={heading}>
      <Title order={order} size={order === 2 ? 'h3' : 'h4'} id={heading}>
        {title}
      </Title>
      {children}
    </Stack>
  );
}
